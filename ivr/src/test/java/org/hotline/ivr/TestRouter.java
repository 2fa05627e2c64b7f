package org.hotline.ivr;

import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.CallbackRequested;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.routing.AnswerOutcome;
import org.hotline.platform.routing.AnswerOutcome.Connected;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.CallGone;
import org.hotline.platform.routing.CallRouter;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.routing.EnqueueOutcome.AlreadyInAcd;
import org.hotline.platform.routing.EnqueueOutcome.Queued;
import org.hotline.platform.routing.EnqueueOutcome.UnknownQueue;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.RingNoAnswerOutcome;
import org.hotline.platform.routing.RingNoAnswerOutcome.Requeued;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.platform.routing.WithdrawOutcome;
import org.hotline.platform.routing.WithdrawOutcome.AgentAlreadyReserved;
import org.hotline.platform.routing.WithdrawOutcome.Withdrawn;

/**
 * A small CallRouter for IVR tests: knows the demo queues, publishes CallQueued like routing does, and hands out
 * reservations when the test says so (or at once, for every queued call, when an agent device is set).
 */
final class TestRouter implements CallRouter {
    static final Set<String> DEMO_QUEUES = Set.of("consultation", "repair", "complaint", "operator");

    final List<CallContext> enqueued = new CopyOnWriteArrayList<>();
    final List<String> answered = new CopyOnWriteArrayList<>();
    final List<String> ringNoAnswer = new CopyOnWriteArrayList<>();
    final List<String> withdrawn = new CopyOnWriteArrayList<>();
    /** How long each {@code awaitReservation} of a waiting call was allowed to wait. */
    final List<Duration> reservationWaits = new CopyOnWriteArrayList<>();
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    /** The agent of each call's latest reservation. */
    private final Map<String, String> agents = new ConcurrentHashMap<>();
    private final Deque<RingNoAnswerOutcome> ringNoAnswerOutcomes = new ConcurrentLinkedDeque<>();
    private final Deque<AnswerOutcome> answeredOutcomes = new ConcurrentLinkedDeque<>();
    private final EventBus bus;
    private volatile String autoDevice;
    private volatile RuntimeException failure;
    private volatile int position = 1;

    TestRouter(EventBus bus) {
        this.bus = bus;
    }

    /** Every queued (and requeued) call is offered at once to {@code device}. */
    TestRouter offeringTo(String device) {
        autoDevice = device;
        return this;
    }

    TestRouter failingWith(RuntimeException e) {
        failure = e;
        return this;
    }

    void position(int value) {
        position = value;
    }

    void reserve(String callId, String device, Duration ringTimeout) {
        agents.put(callId, "agent-" + device);
        Waiting w = waiting.get(callId);
        w.reservations.add(new Reservation(callId, "agent-" + device, device, ringTimeout));
        w.listeners.forEach(Runnable::run); // as routing does: the caller's wait is woken
    }

    /** The next answer reports get these outcomes, in order (then {@code Connected} again). */
    TestRouter answeringAnsweredWith(AnswerOutcome... outcomes) {
        answeredOutcomes.addAll(List.of(outcomes));
        return this;
    }

    /** The next ring-no-answer reports get these outcomes, in order (then {@code Requeued} again). */
    TestRouter answeringRingNoAnswerWith(RingNoAnswerOutcome... outcomes) {
        ringNoAnswerOutcomes.addAll(List.of(outcomes));
        return this;
    }

    boolean isWaiting(String callId) {
        return waiting.containsKey(callId);
    }

    Optional<CallContext> context(String callId) {
        return enqueued.stream().filter(c -> c.callId().equals(callId)).findFirst();
    }

    @Override
    public EnqueueOutcome enqueue(CallContext call) {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        if (!DEMO_QUEUES.contains(call.queue())) {
            return new UnknownQueue(call.queue());
        }
        Waiting w = new Waiting();
        if (waiting.putIfAbsent(call.callId(), w) != null) {
            return new AlreadyInAcd(call.callId());
        }
        enqueued.add(call);
        bus.publish(new CallQueued(call.callId(), call.queue(), call.priority(), false, Instant.now()));
        offerIfAuto(call.callId());
        return new Queued(w);
    }

    @Override
    public AnswerOutcome answered(String callId) {
        answered.add(callId);
        AnswerOutcome outcome = answeredOutcomes.pollFirst();
        return outcome != null ? outcome : new Connected(callId, agents.get(callId));
    }

    /** Like the ACD: {@code Requeued} (offered again at once when an agent device is set) unless told otherwise. */
    @Override
    public RingNoAnswerOutcome ringNoAnswer(String callId) {
        ringNoAnswer.add(callId);
        RingNoAnswerOutcome outcome = ringNoAnswerOutcomes.pollFirst();
        if (outcome == null) {
            outcome = new Requeued(callId, agents.get(callId));
        }
        if (outcome instanceof CallGone) {
            waiting.remove(callId);
        } else {
            offerIfAuto(callId);
        }
        return outcome;
    }

    /** Like the ACD: kept while a reservation is pending, else the call leaves and CallbackRequested is published. */
    @Override
    public WithdrawOutcome withdraw(String callId, long callbackId) {
        Waiting w = waiting.get(callId);
        if (w == null) {
            return new CallGone(callId);
        }
        Reservation pending = w.reservations.peek();
        if (pending != null) {
            return new AgentAlreadyReserved(pending);
        }
        waiting.remove(callId);
        withdrawn.add(callId);
        bus.publish(new CallbackRequested(callId, context(callId).map(CallContext::queue).orElse(null),
                Duration.ZERO, callbackId, Instant.now()));
        return new Withdrawn(callId, callbackId);
    }

    /** Routing forgets the call, as when the caller hung up: later reports on it get {@code CallGone}. */
    void forget(String callId) {
        waiting.remove(callId);
    }

    private void offerIfAuto(String callId) {
        String device = autoDevice;
        if (device != null) {
            reserve(callId, device, Duration.ofSeconds(5));
        }
    }

    private final class Waiting implements WaitingCall {
        private final BlockingQueue<Reservation> reservations = new LinkedBlockingQueue<>();
        private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Subscription onChange(Runnable listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public Optional<Reservation> awaitReservation(Duration max) throws InterruptedException {
            reservationWaits.add(max);
            return Optional.ofNullable(reservations.poll(max.toNanos(), TimeUnit.NANOSECONDS));
        }

        @Override
        public int position() {
            return position;
        }
    }
}
