package org.hotline.routing.queue;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Condition;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.Reservation;

/**
 * One call known to the ACD, from enqueue until it ends. Not thread-safe: guarded by the ACD's lock, whose
 * {@link #statusChanged()} condition wakes the IVR thread waiting for a reservation.
 */
public final class QueuedCall implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Serving order inside a queue and across queues: higher priority first, then the earliest enqueued. */
    public static final Comparator<QueuedCall> SERVING_ORDER = new ServingOrder();

    private final CallContext context;
    private final QueueDefinition queue;
    private final long seq;
    private final Instant enqueuedAt;
    /** Wakes this node's IVR thread; absent from a replicated copy, whose waiters follow the events instead. */
    private final transient Condition statusChanged;
    private CallStatus status = CallStatus.WAITING;
    private Reservation reservation;
    private int offers;
    private transient Future<?> ringGuard;

    /**
     * @param seq the call's place in arrival order; it keeps it when it comes back after a ring-no-answer, so it
     *            goes back in front of every call of its priority that arrived after it
     */
    public QueuedCall(CallContext context, QueueDefinition queue, long seq, Instant enqueuedAt,
                      Condition statusChanged) {
        this.context = context;
        this.queue = queue;
        this.seq = seq;
        this.enqueuedAt = enqueuedAt;
        this.statusChanged = statusChanged;
    }

    public String callId() {
        return context.callId();
    }

    public CallContext context() {
        return context;
    }

    public QueueDefinition queue() {
        return queue;
    }

    public Instant enqueuedAt() {
        return enqueuedAt;
    }

    public CallStatus status() {
        return status;
    }

    public Condition statusChanged() {
        return statusChanged;
    }

    /** The current reservation (ringing or answered), or null. */
    public Reservation reservation() {
        return reservation;
    }

    /** How many reservations this call has had; identifies the current one for its ring guard. */
    public int offers() {
        return offers;
    }

    public void ring(Reservation newReservation) {
        reservation = newReservation;
        offers++;
        moveTo(CallStatus.RINGING);
    }

    public void connect() {
        moveTo(CallStatus.CONNECTED);
    }

    public void backToQueue() {
        reservation = null;
        moveTo(CallStatus.WAITING);
    }

    public void end() {
        moveTo(CallStatus.ENDED);
    }

    public void ringGuard(Future<?> guard) {
        cancelRingGuard();
        ringGuard = guard;
    }

    public void cancelRingGuard() {
        if (ringGuard != null) {
            ringGuard.cancel(false);
            ringGuard = null;
        }
    }

    private void moveTo(CallStatus next) {
        status = next;
        if (next != CallStatus.RINGING) {
            cancelRingGuard();
        }
        if (statusChanged != null) {
            statusChanged.signalAll();
        }
    }

    /** A class, not a lambda: the waiting lists are part of the replicated ACD state and must serialise. */
    private static final class ServingOrder implements Comparator<QueuedCall>, Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(QueuedCall a, QueuedCall b) {
            int byPriority = Integer.compare(b.context.priority(), a.context.priority());
            return byPriority != 0 ? byPriority : Long.compare(a.seq, b.seq);
        }
    }
}
