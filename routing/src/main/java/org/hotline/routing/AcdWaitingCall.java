package org.hotline.routing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.routing.queue.CallStatus;
import org.hotline.routing.queue.QueuedCall;

/** The IVR's handle on a queued call; the same handle serves every reservation the call gets. */
final class AcdWaitingCall implements WaitingCall {
    private final QueuedCall call;
    private final ReentrantLock lock;
    private final RoutingEngine engine;
    private final ChangeListeners listeners;

    AcdWaitingCall(QueuedCall call, ReentrantLock lock, RoutingEngine engine, ChangeListeners listeners) {
        this.call = call;
        this.lock = lock;
        this.engine = engine;
        this.listeners = listeners;
    }

    /** The listener runs under the ACD's lock, right after the call's status changed. */
    @Override
    public Subscription onChange(Runnable listener) {
        return listeners.add(listener);
    }

    /**
     * Returns the current reservation (ringing or answered) as soon as there is one; empty when none came within
     * {@code max} or when the call has ended (caller gone).
     */
    @Override
    public Optional<Reservation> awaitReservation(Duration max) throws InterruptedException {
        if (max == null || max.isNegative()) {
            throw new ValidationException("max", "the wait must be zero or positive");
        }
        long nanos = saturatedNanos(max);
        lock.lockInterruptibly();
        try {
            while (call.status() == CallStatus.WAITING) {
                if (nanos <= 0) {
                    return Optional.empty();
                }
                nanos = call.statusChanged().awaitNanos(nanos);
            }
            return call.status() == CallStatus.ENDED ? Optional.empty() : Optional.of(call.reservation());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int position() {
        lock.lock();
        try {
            return engine.position(call);
        } finally {
            lock.unlock();
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
