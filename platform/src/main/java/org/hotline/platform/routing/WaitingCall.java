package org.hotline.platform.routing;

import java.time.Duration;
import java.util.Optional;

/** A call waiting in a queue, as held by the IVR's waiting treatment. */
public interface WaitingCall {
    /**
     * Waits up to {@code max} for routing to reserve an agent.
     *
     * @return the reservation, or empty if none came within {@code max}
     */
    Optional<Reservation> awaitReservation(Duration max) throws InterruptedException;

    /**
     * Runs {@code listener} whenever routing changed the call (an agent reserved, the call back in the queue or
     * ended), until the returned handle is closed; the IVR wakes the caller's channel with it. It runs on routing's
     * thread, possibly under its lock: it must only hand over, never block or call routing.
     */
    Subscription onChange(Runnable listener);

    /** An {@link #onChange} listener's registration. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** 1-based position in the queue, 0 once an agent is reserved. */
    int position();
}
