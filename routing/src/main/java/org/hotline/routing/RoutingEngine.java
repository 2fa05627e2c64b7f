package org.hotline.routing;

import static org.hotline.platform.routing.AgentState.LOGGED_OUT;
import static org.hotline.platform.routing.AgentState.NOT_READY;
import static org.hotline.platform.routing.AgentState.ON_CALL;
import static org.hotline.platform.routing.AgentState.READY;
import static org.hotline.platform.routing.AgentState.RESERVED;
import static org.hotline.platform.routing.AgentState.WRAP_UP;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hotline.platform.Times;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallbackRequested;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.CallRingNoAnswer;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.routing.AgentMove.DeviceUnavailable;
import org.hotline.platform.routing.AgentMove.Moved;
import org.hotline.platform.routing.AgentMove.NotAllowed;
import org.hotline.platform.routing.AgentMove.ReasonRequired;
import org.hotline.platform.routing.AgentMove.UnknownAgent;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AnswerOutcome;
import org.hotline.platform.routing.AnswerOutcome.Connected;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.CallGone;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.routing.EnqueueOutcome.AlreadyInAcd;
import org.hotline.platform.routing.EnqueueOutcome.Queued;
import org.hotline.platform.routing.EnqueueOutcome.UnknownQueue;
import org.hotline.platform.routing.NotRinging;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.RingNoAnswerOutcome;
import org.hotline.platform.routing.RingNoAnswerOutcome.AlreadyRequeued;
import org.hotline.platform.routing.RingNoAnswerOutcome.Requeued;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.platform.routing.WithdrawOutcome;
import org.hotline.platform.routing.WithdrawOutcome.AgentAlreadyReserved;
import org.hotline.platform.routing.WithdrawOutcome.Withdrawn;
import org.hotline.platform.telephony.DeviceState;
import org.hotline.routing.agent.Agent;
import org.hotline.routing.agent.AgentReasons;
import org.hotline.routing.agent.AgentRoster;
import org.hotline.routing.agent.AgentTransitions;
import org.hotline.routing.queue.CallQueue;
import org.hotline.routing.queue.CallStatus;
import org.hotline.routing.queue.QueueBoard;
import org.hotline.routing.queue.QueuedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACD's state and rules: queues, agents, live calls, and the matching of the two. Not thread-safe: every method
 * runs under the {@link Acd}'s lock, checks its input before it changes anything, and hands its events to
 * {@code emit} in the order the state changed. It never blocks and never publishes. The call side answers with the
 * port's outcome values (an unknown queue, a call gone, a ring already handled are decided here, not thrown).
 */
final class RoutingEngine {
    /** How long after the ring timeout an offer the IVR never reported on counts as rung out. */
    static final Duration RING_GUARD_GRACE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(RoutingEngine.class);

    private final AcdState state;
    private final QueueBoard queues;
    private final AgentRoster roster;
    private final Map<String, QueuedCall> calls;
    private final Clock clock;
    private final Consumer<HotlineEvent> emit;
    private final RoutingTimers timers;
    private final DeviceWatch devices;

    RoutingEngine(QueueBoard queues, Clock clock, Consumer<HotlineEvent> emit, RoutingTimers timers) {
        this(new AcdState(queues), clock, emit, timers);
    }

    /** Over a state kept elsewhere (the cluster's replicated copy): the engine holds no state of its own. */
    RoutingEngine(AcdState state, Clock clock, Consumer<HotlineEvent> emit, RoutingTimers timers) {
        this.state = state;
        this.queues = state.queues;
        this.roster = state.roster;
        this.calls = state.calls;
        this.clock = clock;
        this.emit = emit;
        this.timers = timers;
        this.devices = new DeviceWatch(state.reachable, roster, this::emit, this::serve, this::now);
    }

    // ---- call side ----

    /**
     * Queues the call and offers it at once to the longest-idle READY agent with the queue's skill, if any.
     *
     * @param handle turns the queued call into the IVR's handle on it
     */
    EnqueueOutcome enqueue(CallContext call, Condition statusChanged, Function<QueuedCall, WaitingCall> handle) {
        Optional<CallQueue> found = queues.find(call.queue());
        if (found.isEmpty()) {
            return new UnknownQueue(call.queue());
        }
        if (calls.containsKey(call.callId())) {
            return new AlreadyInAcd(call.callId());
        }
        CallQueue queue = found.get();
        Instant now = now();
        CallContext context = call.queuedAt() != null ? call : withQueuedAt(call, now);
        QueuedCall queued = new QueuedCall(context, queue.definition(), state.nextSeq++, now, statusChanged);
        calls.put(call.callId(), queued);
        queue.add(queued);
        emit(new CallQueued(call.callId(), queue.definition().name(), call.priority(), false, now));
        roster.longestIdle(queue.definition().skill(), this::offerable).ifPresent(agent -> reserve(queued, agent));
        return new Queued(handle.apply(queued));
    }

    /** The reserved agent answered; only a ringing call can be answered. */
    AnswerOutcome answered(String callId) {
        QueuedCall call = live(callId);
        if (call == null) {
            return new CallGone(callId);
        }
        if (call.status() != CallStatus.RINGING) {
            LOG.debug("call {} was reported answered while {}", callId, call.status());
            return new NotRinging(callId);
        }
        Agent agent = roster.require(call.reservation().agent());
        Instant now = now();
        AgentStateChanged changed = roster.move(agent, ON_CALL, null, callId, now);
        call.connect();
        emit(new CallAnswered(callId, call.queue().name(), agent.username(), now));
        emit(changed);
        return new Connected(callId, agent.username());
    }

    /** The reserved agent did not answer: a ringing call goes back; a call already back in its queue stays. */
    RingNoAnswerOutcome ringNoAnswer(String callId) {
        QueuedCall call = live(callId);
        if (call == null) {
            return new CallGone(callId);
        }
        return switch (call.status()) {
            case RINGING -> {
                String agent = call.reservation().agent();
                ringOut(call);
                yield new Requeued(callId, agent);
            }
            case WAITING -> new AlreadyRequeued(callId);
            case CONNECTED -> new NotRinging(callId);
            case ENDED -> new CallGone(callId);
        };
    }

    /** The ring guard fired: the IVR never reported on offer number {@code offer}. */
    void ringExpired(String callId, int offer) {
        QueuedCall call = calls.get(callId);
        if (call != null && call.status() == CallStatus.RINGING && call.offers() == offer) {
            LOG.warn("call {} rang {} past its ring timeout without a report; treating it as not answered",
                    callId, call.reservation().agent());
            ringOut(call);
        }
    }

    /**
     * The caller leaves the queue for a callback: a WAITING call is removed and forgotten (its later hang-up changes
     * nothing here) without counting as abandoned. A call ringing or talking to an agent stays.
     */
    WithdrawOutcome withdraw(String callId, long callbackId) {
        QueuedCall call = live(callId);
        if (call == null) {
            return new CallGone(callId);
        }
        if (call.status() != CallStatus.WAITING) {
            return new AgentAlreadyReserved(call.reservation());
        }
        Instant now = now();
        queues.require(call.queue().name()).remove(call);
        calls.remove(callId);
        call.end();
        emit(new CallbackRequested(callId, call.queue().name(), Duration.between(call.enqueuedAt(), now),
                callbackId, now));
        return new Withdrawn(callId, callbackId);
    }

    /** The call is over on the switch. Unknown calls are ignored. */
    void hungUp(String callId) {
        QueuedCall call = callId == null ? null : calls.get(callId);
        if (call == null) {
            return;
        }
        switch (call.status()) {
            case WAITING -> abandonWaiting(call);
            case RINGING -> abandonRinging(call);
            case CONNECTED -> endConversation(call);
            case ENDED -> calls.remove(callId);
        }
    }

    /**
     * A call was transferred away on the switch. A connected call has left its agent: the agent wraps up as at
     * hang-up and the call is forgotten, so its later hang-up changes nothing here. Other calls are ignored.
     */
    void transferred(String callId) {
        QueuedCall call = callId == null ? null : calls.get(callId);
        if (call != null && call.status() == CallStatus.CONNECTED) {
            LOG.debug("call {} was transferred away from {}", callId, call.reservation().agent());
            endConversation(call);
        }
    }

    int position(QueuedCall call) {
        return call.status() == CallStatus.WAITING ? queues.require(call.queue().name()).position(call) : 0;
    }

    // ---- agent side ----

    AgentSnapshot register(AgentProfile profile) {
        Agent agent = roster.register(profile, now());
        if (agent.state() == READY) {
            serve(agent);
        }
        return agent.snapshot();
    }

    AgentMove login(String username) {
        Optional<Agent> found = roster.find(username);
        if (found.isEmpty()) {
            return new UnknownAgent(username);
        }
        Agent agent = found.get();
        if (agent.state() == LOGGED_OUT) {
            emit(roster.move(agent, NOT_READY, AgentReasons.LOGIN, null, now()));
        }
        return new Moved(agent.snapshot());
    }

    /** The agent's device, or null for an unknown agent. */
    String device(String username) {
        return roster.find(username).map(Agent::device).orElse(null);
    }

    AgentMove ready(String username, boolean deviceOnline) {
        return requested(username, READY, "go READY", agent -> {
            if (!deviceOnline) {
                return new DeviceUnavailable(username, agent.device());
            }
            emit(roster.move(agent, READY, null, null, now()));
            serve(agent);
            return null;
        });
    }

    AgentMove finishWrapUp(String username, boolean deviceOnline) {
        Optional<Agent> found = roster.find(username);
        if (found.isPresent() && found.get().state() != WRAP_UP) {
            return new NotAllowed(username, found.get().state(), "finish wrap-up");
        }
        return ready(username, deviceOnline);
    }

    AgentMove notReady(String username, String reason) {
        if (roster.find(username).isPresent() && (reason == null || reason.isBlank())) {
            return new ReasonRequired(username);
        }
        return requested(username, NOT_READY, "go NOT_READY", agent -> {
            emit(roster.move(agent, NOT_READY, reason.strip(), null, now()));
            return null;
        });
    }

    AgentMove logout(String username) {
        return requested(username, LOGGED_OUT, "go LOGGED_OUT", agent -> {
            emit(roster.move(agent, LOGGED_OUT, null, null, now()));
            return null;
        });
    }

    /**
     * A move the agent asks for: unknown agent and a move the table refuses (never out of RESERVED) are answered
     * before {@code move} runs; {@code move} returns its own refusal, or null once it has moved the agent.
     */
    private AgentMove requested(String username, AgentState to, String wanted, Function<Agent, AgentMove> move) {
        Optional<Agent> found = roster.find(username);
        if (found.isEmpty()) {
            return new UnknownAgent(username);
        }
        Agent agent = found.get();
        if (!AgentTransitions.allowedOnRequest(agent.state(), to)) {
            return new NotAllowed(username, agent.state(), wanted);
        }
        AgentMove refused = move.apply(agent);
        return refused != null ? refused : new Moved(agent.snapshot());
    }

    /** The device to check before ending a wrap-up by timer, or null when the timer is stale. */
    String deviceIfStillWrappingUp(String username, long transitions) {
        return roster.find(username)
                .filter(a -> a.state() == WRAP_UP && a.transitions() == transitions)
                .map(Agent::device)
                .orElse(null);
    }

    /** The wrap-up timer fired: READY (and take the next call), or NOT_READY when the device is offline. */
    void wrapUpEnded(String username, long transitions, boolean deviceOnline) {
        Optional<Agent> found = roster.find(username)
                .filter(a -> a.state() == WRAP_UP && a.transitions() == transitions);
        if (found.isEmpty()) {
            return;
        }
        Agent agent = found.get();
        if (deviceOnline) {
            emit(roster.move(agent, READY, null, null, now()));
            serve(agent);
        } else {
            emit(roster.move(agent, NOT_READY, AgentReasons.DEVICE_UNAVAILABLE, null, now()));
        }
    }

    /** The switch reports a device's state; see {@link DeviceWatch#reported}. */
    List<String> deviceReported(String device, DeviceState state) {
        return devices.reported(device, state);
    }

    /** Applies the device table to the agents on {@code device}; see {@link DeviceWatch#changed}. */
    void deviceChanged(String device, DeviceState state, Function<String, Boolean> online) {
        devices.changed(device, state, online);
    }

    Optional<AgentSnapshot> agent(String username) {
        return roster.find(username).map(Agent::snapshot);
    }

    List<AgentSnapshot> agents() {
        return roster.all().stream().map(Agent::snapshot).toList();
    }

    /** Where a call stands for the IVR waiting on it, read by call id (a cluster node holds no handle on it). */
    CallWait waitState(String callId) {
        QueuedCall call = callId == null ? null : calls.get(callId);
        if (call == null) {
            return CallWait.GONE;
        }
        return new CallWait(call.status(), call.reservation(), position(call));
    }

    void cancelTimers() {
        roster.all().forEach(Agent::cancelWrapUpTimer);
        calls.values().forEach(QueuedCall::cancelRingGuard);
    }

    // ---- matching ----

    /** A READY agent takes the best call among the queues it serves, if any waits and its device is not known down. */
    private void serve(Agent agent) {
        if (devices.knownUnreachable(agent)) {
            return;
        }
        queues.bestFor(agent.profile().skills()).ifPresent(call -> reserve(call, agent));
    }

    private boolean offerable(Agent agent) {
        return !devices.knownUnreachable(agent);
    }

    private void reserve(QueuedCall call, Agent agent) {
        Instant now = now();
        Reservation reservation = new Reservation(call.callId(), agent.username(), agent.device(),
                call.queue().ringTimeout());
        AgentStateChanged changed = roster.move(agent, RESERVED, null, call.callId(), now);
        queues.require(call.queue().name()).remove(call);
        call.ring(reservation);
        call.ringGuard(timers.ringExpires(call.callId(), call.offers(),
                call.queue().ringTimeout().plus(RING_GUARD_GRACE)));
        emit(new CallOffered(call.context(), agent.username(), agent.device(), now));
        emit(changed);
    }

    private void ringOut(QueuedCall call) {
        Agent agent = roster.require(call.reservation().agent());
        Instant now = now();
        AgentStateChanged changed = roster.move(agent, NOT_READY, AgentReasons.RING_NO_ANSWER, null, now);
        call.backToQueue();
        queues.require(call.queue().name()).add(call);
        emit(new CallRingNoAnswer(call.callId(), call.queue().name(), agent.username(), now));
        emit(changed);
        emit(new CallQueued(call.callId(), call.queue().name(), call.context().priority(), true, now));
        roster.longestIdle(call.queue().skill(), this::offerable).ifPresent(next -> reserve(call, next));
    }

    private void abandonWaiting(QueuedCall call) {
        Instant now = now();
        queues.require(call.queue().name()).remove(call);
        calls.remove(call.callId());
        call.end();
        emit(abandoned(call, now));
    }

    private void abandonRinging(QueuedCall call) {
        Agent agent = roster.require(call.reservation().agent());
        Instant now = now();
        AgentStateChanged changed = roster.move(agent, READY, AgentReasons.CALLER_GONE, null, now);
        calls.remove(call.callId());
        call.end();
        emit(abandoned(call, now));
        emit(changed);
        serve(agent);
    }

    private void endConversation(QueuedCall call) {
        Agent agent = roster.require(call.reservation().agent());
        AgentStateChanged changed = roster.move(agent, WRAP_UP, null, call.callId(), now());
        calls.remove(call.callId());
        call.end();
        emit(changed);
        agent.wrapUpTimer(timers.wrapUpEnds(agent.username(), agent.transitions(), call.queue().wrapUp()));
    }

    /** The call routing still holds, or null when it never had it or has ended it. */
    private QueuedCall live(String callId) {
        QueuedCall call = calls.get(callId);
        return call == null || call.status() == CallStatus.ENDED ? null : call;
    }

    private static CallAbandoned abandoned(QueuedCall call, Instant now) {
        return new CallAbandoned(call.callId(), call.queue().name(), Duration.between(call.enqueuedAt(), now), now);
    }

    private static CallContext withQueuedAt(CallContext c, Instant queuedAt) {
        return new CallContext(c.callId(), c.ani(), c.dnis(), c.customerId(), c.customerName(), c.customerClass(),
                c.ivrPath(), c.digits(), c.queue(), c.priority(), c.arrivedAt(), queuedAt);
    }

    private void emit(HotlineEvent event) {
        LOG.debug("{}", event);
        emit.accept(event);
    }

    private Instant now() {
        return Times.now(clock);
    }
}
