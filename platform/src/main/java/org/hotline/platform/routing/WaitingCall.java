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

    /** 1-based position in the queue, 0 once an agent is reserved. */
    int position();
}
