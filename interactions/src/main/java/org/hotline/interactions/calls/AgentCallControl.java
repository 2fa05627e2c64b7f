package org.hotline.interactions.calls;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.CallControl;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchResult;
import org.hotline.platform.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own call: answer it where the platform controls the phone, hang it up, put it on hold, transfer it and
 * record it. Each acts on the call routing has attached to the agent, only in the state {@link CallActions} allows and
 * only where the switch can; every refusal is a {@link CallResult}, never an exception. Every method may block on the
 * switch: call it off an event loop.
 */
public final class AgentCallControl {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCallControl.class);

    /** The agent answered the call ringing on {@code device}. */
    public record Answered(String callId, String device) {
    }

    /** The agent hung up {@code callId}. */
    public record HungUp(String callId) {
    }

    /** The call is now on hold, or off it. */
    public record HoldChanged(String callId, boolean onHold) {
    }

    /** The call went (or, attended, is going) to {@code target}. */
    public record Transferred(String callId, String target, TransferMode mode) {
    }

    /** The call is now recorded into {@code file}, or no longer recorded ({@code file} null). */
    public record RecordingChanged(String callId, boolean recording, String file) {
    }

    /**
     * How long an answer waits for the phone to ring: the screen-pop can reach the agent before the switch has rung
     * the device (in a cluster it crosses to the agent's node while the switch's node dials), and an agent who
     * clicks at once should not be told "not ringing".
     */
    public static final Duration RING_WAIT = Duration.ofSeconds(2);
    private static final Duration RING_POLL = Duration.ofMillis(50);

    private final AgentLookup agents;
    private final CallControl control;
    private final SwitchCapabilities can;
    private final Duration ringWait;

    public AgentCallControl(AgentLookup agents, CallControl control, SwitchCapabilities can) {
        this(agents, control, can, RING_WAIT);
    }

    /** @param ringWait how long an answer waits for the reserved call to ring (zero: not at all) */
    public AgentCallControl(AgentLookup agents, CallControl control, SwitchCapabilities can, Duration ringWait) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.control = Objects.requireNonNull(control, "control");
        this.can = Objects.requireNonNull(can, "can");
        this.ringWait = Objects.requireNonNull(ringWait, "ringWait");
    }

    /** Answers the call ringing for the agent (RESERVED), on a switch that can answer from the console. */
    public CallResult<Answered> answer(User user) {
        AgentSnapshot me = agents.current(user);
        if (!CallActions.inState(CallAction.ANSWER, me.state())) {
            return new CallResult.NotNow<>(me.state(), "no call is ringing for " + user.username() + " (state "
                    + me.state() + ")");
        }
        if (!can.answerFromConsole()) {
            return new CallResult.Unsupported<>("answer the call on the phone " + me.device()
                    + ": this switch cannot answer it from the console");
        }
        return CallResult.of(answerOnceRinging(user, me), new Answered(me.callId(), me.device()));
    }

    /**
     * The switch's answer; while it says NOT_NOW and routing still has this agent RESERVED for the same call, asked
     * again for up to {@link #ringWait} (the device is about to ring).
     */
    private SwitchResult<Void> answerOnceRinging(User user, AgentSnapshot me) {
        long deadline = System.nanoTime() + ringWait.toNanos();
        SwitchResult<Void> done = control.answer(me.device());
        while (done instanceof SwitchResult.Refused<Void> r && r.why() == SwitchResult.Refusal.NOT_NOW
                && System.nanoTime() < deadline && stillReserved(user, me.callId())) {
            try {
                Thread.sleep(RING_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done;
            }
            done = control.answer(me.device());
        }
        return done;
    }

    private boolean stillReserved(User user, String callId) {
        AgentSnapshot now = agents.current(user);
        return now.state() == AgentState.RESERVED && Objects.equals(callId, now.callId());
    }

    /** Hangs up the agent's call (ON_CALL). */
    public CallResult<HungUp> hangUp(User user) {
        AgentSnapshot me = agents.current(user);
        if (me.callId() == null || !CallActions.inState(CallAction.HANGUP, me.state())) {
            return new CallResult.NotNow<>(me.state(), "no call to hang up for " + user.username() + " (state "
                    + me.state() + ")");
        }
        return CallResult.of(control.hangup(me.callId()), new HungUp(me.callId()));
    }

    /** Puts the agent's call on hold ({@code onHold}) or takes it off hold. */
    public CallResult<HoldChanged> hold(User user, boolean onHold) {
        AgentSnapshot me = agents.current(user);
        CallResult<HoldChanged> refused = refusal(user, me, CallAction.HOLD, can.hold());
        if (refused != null) {
            return refused;
        }
        return CallResult.of(control.hold(me.callId(), onHold), new HoldChanged(me.callId(), onHold));
    }

    /** Transfers the agent's call to {@code target} (not the agent's own phone), blind or attended. */
    public CallResult<Transferred> transfer(User user, String target, TransferMode mode) {
        AgentSnapshot me = agents.current(user);
        boolean capable = mode == TransferMode.BLIND ? can.blindTransfer() : can.attendedTransfer();
        CallResult<Transferred> refused = refusal(user, me, CallAction.TRANSFER, capable);
        if (refused != null) {
            return refused;
        }
        if (target.equals(me.device())) {
            return new CallResult.Invalid<>("target", "the call is already on " + target);
        }
        SwitchResult<Void> done = switch (mode) {
            case BLIND -> control.transfer(me.callId(), target);
            case ATTENDED -> control.attendedTransfer(me.callId(), target);
        };
        if (done instanceof SwitchResult.Refused<Void> r) {
            // the agent gets the switch's reason; operators get the line, e.g. Asterisk's "No attended transfer
            // feature code found" when features.conf lacks the atxfer code
            LOG.warn("{} transfer of call {} by {} to {} refused: {}", mode.name().toLowerCase(Locale.ROOT),
                    me.callId(), user.username(), target, r.message());
        } else {
            LOG.info("{} transferred call {} to {} ({})", user.username(), me.callId(), target, mode);
        }
        return CallResult.of(done, new Transferred(me.callId(), target, mode));
    }

    /** Starts or stops recording the agent's call. */
    public CallResult<RecordingChanged> recording(User user, boolean start) {
        AgentSnapshot me = agents.current(user);
        CallResult<RecordingChanged> refused = refusal(user, me, CallAction.RECORDING, can.recording());
        if (refused != null) {
            return refused;
        }
        if (!start) {
            return CallResult.of(control.stopRecording(me.callId()), new RecordingChanged(me.callId(), false, null));
        }
        SwitchResult<String> started = control.startRecording(me.callId());
        return switch (started) {
            case SwitchResult.Done<String> d -> new CallResult.Done<>(new RecordingChanged(me.callId(), true,
                    d.value()));
            case SwitchResult.Refused<String> r -> new CallResult.SwitchRefused<>(r.why(), r.message());
        };
    }

    /** Why an in-call action cannot be taken now, or null when it can. */
    private static <T> CallResult<T> refusal(User user, AgentSnapshot me, CallAction action, boolean capable) {
        if (me.callId() == null || !CallActions.inState(action, me.state())) {
            return new CallResult.NotNow<>(me.state(), "no call in progress for " + user.username() + " (state "
                    + me.state() + ")");
        }
        if (!capable) {
            return new CallResult.Unsupported<>(switch (action) {
                case HOLD -> "this switch cannot put a call on hold";
                case TRANSFER -> "this switch cannot transfer a call that way";
                default -> "this switch cannot record calls";
            });
        }
        return null;
    }
}
