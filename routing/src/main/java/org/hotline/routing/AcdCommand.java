package org.hotline.routing;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.telephony.DeviceState;

/**
 * One step of the ACD as data, for the cluster: the node that takes a request turns it into a command, and the member
 * that owns the ACD's state applies it ({@link AcdProcessor}); its backup applies the same command to its copy. So a
 * command must be deterministic: everything it depends on travels with it — the time ({@link #at}), and the answers
 * of the switch that the ACD asks outside its lock (whether a device is online).
 */
sealed interface AcdCommand extends Serializable {
    Instant at();

    /** Applies the command; the answer goes back to the node that sent it (null when there is none). */
    Object apply(RoutingEngine engine);

    /** A read: it changes nothing, so it needs no backup and no lock on the entry. */
    default boolean reads() {
        return false;
    }

    /** A command that only reads: no backup replays it and the entry is not locked for it. */
    sealed interface Read extends AcdCommand {
        @Override
        default boolean reads() {
            return true;
        }
    }

    /** A timer that fired: its deadline is forgotten by both copies when it is applied. */
    sealed interface Fired extends AcdCommand {
        String deadlineKey();
    }

    /**
     * Arms again, on the member that owns the entry now, every timer whose deadline the entry holds (after a member
     * left or the entry moved). Changes nothing; the owner's node arms each deadline once.
     */
    record Rearm(Instant at) implements Read {
        @Override
        public Object apply(RoutingEngine engine) {
            return null;
        }
    }

    // ---- calls ----

    record Enqueue(CallContext call, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            // no handle here: the sending node wraps its own (ClusteredWaitingCall) around the call's first state
            EnqueueOutcome outcome = engine.enqueue(call, null, queued -> null);
            return outcome instanceof EnqueueOutcome.Queued ? new Enqueued(engine.waitState(call.callId())) : outcome;
        }
    }

    /** A call queued: its state right after (reserved already when an agent was free), saving the first read. */
    record Enqueued(CallWait state) implements java.io.Serializable {
    }

    record Answered(String callId, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            return engine.answered(callId);
        }
    }

    record RingNoAnswer(String callId, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            return engine.ringNoAnswer(callId);
        }
    }

    record Withdraw(String callId, long callbackId, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            return engine.withdraw(callId, callbackId);
        }
    }

    record HungUp(String callId, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            engine.hungUp(callId);
            return null;
        }
    }

    record Transferred(String callId, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            engine.transferred(callId);
            return null;
        }
    }

    record RingExpired(String callId, int offer, Instant at) implements Fired {
        @Override
        public String deadlineKey() {
            return new AcdShard.Deadline(AcdShard.Deadline.Kind.RING, callId, offer, at).key();
        }

        @Override
        public Object apply(RoutingEngine engine) {
            engine.ringExpired(callId, offer);
            return null;
        }
    }

    // ---- agents ----

    record Register(AgentProfile profile, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            return engine.register(profile);
        }
    }

    record Login(String agent, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            return engine.login(agent);
        }
    }

    /**
     * @param device the device whose state {@code deviceOnline} is; when the agent is on another one now, the answer
     *               is {@link DeviceMoved} and nothing changes
     */
    record Ready(String agent, String device, boolean deviceOnline, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            String now = engine.device(agent);
            return now != null && !now.equals(device) ? new DeviceMoved(now) : engine.ready(agent, deviceOnline);
        }
    }

    /** The answer of a move into READY checked against a device the agent is no longer on: ask again for this one. */
    record DeviceMoved(String device) implements java.io.Serializable {
    }

    record NotReady(String agent, String reason, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            return engine.notReady(agent, reason);
        }
    }

    /** As {@link Ready}, from WRAP_UP only. */
    record FinishWrapUp(String agent, String device, boolean deviceOnline, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            String now = engine.device(agent);
            return now != null && !now.equals(device) ? new DeviceMoved(now)
                    : engine.finishWrapUp(agent, deviceOnline);
        }
    }

    record Logout(String agent, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            return engine.logout(agent);
        }
    }

    record WrapUpEnded(String agent, long transitions, boolean deviceOnline, Instant at) implements Fired {
        @Override
        public String deadlineKey() {
            return new AcdShard.Deadline(AcdShard.Deadline.Kind.WRAP_UP, agent, transitions, at).key();
        }

        @Override
        public Object apply(RoutingEngine engine) {
            engine.wrapUpEnded(agent, transitions, deviceOnline);
            return null;
        }
    }

    /**
     * Answers the device strings to check before {@link DeviceChanged} (see {@code Acd.deviceChanged}). When there is
     * none — a phone that rings, is answered, hangs up, as each call makes it — the change is applied in the same
     * step, and no {@link DeviceChanged} follows: one command per device event instead of two.
     */
    record DeviceReported(String device, DeviceState state, Instant at) implements AcdCommand {
        @Override
        public Object apply(RoutingEngine engine) {
            List<String> toCheck = engine.deviceReported(device, state);
            if (toCheck.isEmpty()) {
                engine.deviceChanged(device, state, checked -> null);
            }
            return new ArrayList<>(toCheck);
        }
    }

    record DeviceChanged(String device, DeviceState state, Map<String, Boolean> online, Instant at)
            implements AcdCommand {
        public DeviceChanged {
            online = Map.copyOf(online);
        }

        @Override
        public Object apply(RoutingEngine engine) {
            engine.deviceChanged(device, state, online::get);
            return null;
        }
    }

    // ---- reads ----

    record AgentOf(String agent, Instant at) implements Read {
        @Override
        public Object apply(RoutingEngine engine) {
            return engine.agent(agent).orElse(null);
        }
    }

    record Agents(Instant at) implements Read {
        @Override
        public Object apply(RoutingEngine engine) {
            return new ArrayList<>(engine.agents());
        }
    }

    record DeviceOf(String agent, Instant at) implements Read {
        @Override
        public Object apply(RoutingEngine engine) {
            return engine.device(agent);
        }
    }

    record StillWrappingUp(String agent, long transitions, Instant at) implements Read {
        @Override
        public Object apply(RoutingEngine engine) {
            return engine.deviceIfStillWrappingUp(agent, transitions);
        }
    }

    record WaitStateOf(String callId, Instant at) implements Read {
        @Override
        public Object apply(RoutingEngine engine) {
            return engine.waitState(callId);
        }
    }
}
