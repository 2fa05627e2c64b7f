package org.hotline.routing;

import java.time.Duration;
import java.util.Optional;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.routing.queue.CallStatus;

/**
 * The IVR's handle on a call queued in the cluster's ACD. It reads the call's state from the ACD only when an event
 * of the call arrived since its last read (or after {@link #REREAD} without one, in case an event was lost between
 * nodes), so a caller waiting in the queue costs no round trip per poll of the IVR. A reservation it holds is read
 * again only when this node changed the call itself (a ring-no-answer, a withdrawal: {@link CallSignals#changed}) or
 * after {@link #REREAD}: the events that follow a reservation (the call's offer, its first queuing) tell the session
 * nothing it does not hold, and every way out of a reservation that the session must hear of goes through this
 * node's own ring-no-answer.
 */
final class ClusteredWaitingCall implements WaitingCall {
    /** A read at least this often while waiting: the cluster's event delivery is best-effort. */
    static final Duration REREAD = Duration.ofSeconds(5);

    private final String callId;
    private final ClusteredAcd acd;
    private final CallSignals signals;
    private final CallSignals.Signal signal;
    private long readAtVersion = -1;
    private long readAtNanos;
    private long readAtForced;
    private CallWait last;

    /**
     * @param first the call's state as the enqueue left it
     * @param seen  the call's signal version before the enqueue was sent (an event since makes the next look read)
     */
    ClusteredWaitingCall(String callId, ClusteredAcd acd, CallSignals signals, CallSignals.Signal signal,
                         CallWait first, long seen) {
        this.callId = callId;
        this.acd = acd;
        this.signals = signals;
        this.signal = signal;
        this.last = first;
        this.readAtVersion = seen;
        this.readAtForced = signal.forced();
        this.readAtNanos = System.nanoTime();
    }

    @Override
    public synchronized Optional<Reservation> awaitReservation(Duration max) throws InterruptedException {
        if (max == null || max.isNegative()) {
            throw new ValidationException("max", "the wait must be zero or positive");
        }
        long deadline = System.nanoTime() + saturatedNanos(max);
        while (true) {
            CallWait now = current();
            if (!now.waiting()) {
                if (now.status() == CallStatus.ENDED) {
                    signals.forget(callId);
                    return Optional.empty();
                }
                return Optional.of(now.reservation());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            long untilReread = readAtNanos + REREAD.toNanos() - System.nanoTime();
            signal.awaitChange(readAtVersion, Math.max(1, Math.min(left, untilReread)));
        }
    }

    /** The listener runs on the thread that heard an event of the call, or that changed it on this node. */
    @Override
    public Subscription onChange(Runnable listener) {
        return signal.listeners().add(listener);
    }

    @Override
    public int position() {
        return acd.waitState(callId).position();
    }

    /** The call's state: read again when an event of it came, or when the last read is {@link #REREAD} old. */
    private CallWait current() {
        long version = signal.version();
        long forced = signal.forced();
        boolean moved = last.waiting() ? version != readAtVersion : forced != readAtForced;
        if (moved || System.nanoTime() - readAtNanos >= REREAD.toNanos()) {
            last = acd.waitState(callId);
            readAtVersion = version;
            readAtForced = forced;
            readAtNanos = System.nanoTime();
        }
        return last;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
