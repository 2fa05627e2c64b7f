package org.hotline.ivr;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.CallbackRequested;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.CallRouter;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.WaitingCall;

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
        waiting.get(callId).reservations.add(new Reservation(callId, "agent-" + device, device, ringTimeout));
    }

    boolean isWaiting(String callId) {
        return waiting.containsKey(callId);
    }

    Optional<CallContext> context(String callId) {
        return enqueued.stream().filter(c -> c.callId().equals(callId)).findFirst();
    }

    @Override
    public WaitingCall enqueue(CallContext call) {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        if (!DEMO_QUEUES.contains(call.queue())) {
            throw new NotFoundException("unknown queue " + call.queue());
        }
        enqueued.add(call);
        Waiting w = new Waiting();
        waiting.put(call.callId(), w);
        bus.publish(new CallQueued(call.callId(), call.queue(), call.priority(), false, Instant.now()));
        offerIfAuto(call.callId());
        return w;
    }

    @Override
    public void answered(String callId) {
        answered.add(callId);
    }

    @Override
    public void ringNoAnswer(String callId) {
        ringNoAnswer.add(callId);
        offerIfAuto(callId);
    }

    /** Like the ACD: false while a reservation is pending, else the call leaves and CallbackRequested is published. */
    @Override
    public boolean withdraw(String callId, long callbackId) {
        Waiting w = waiting.get(callId);
        if (w == null) {
            throw new NotFoundException("no live call " + callId);
        }
        if (!w.reservations.isEmpty()) {
            return false;
        }
        waiting.remove(callId);
        withdrawn.add(callId);
        bus.publish(new CallbackRequested(callId, context(callId).map(CallContext::queue).orElse(null),
                Duration.ZERO, callbackId, Instant.now()));
        return true;
    }

    private void offerIfAuto(String callId) {
        String device = autoDevice;
        if (device != null) {
            reserve(callId, device, Duration.ofSeconds(5));
        }
    }

    private final class Waiting implements WaitingCall {
        private final BlockingQueue<Reservation> reservations = new LinkedBlockingQueue<>();

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
