package org.hotline.ivr;

import java.time.Duration;
import org.hotline.platform.error.ValidationException;

/**
 * Engine-wide IVR settings.
 *
 * @param announceInterval how often a waiting caller hears the queue position (a queue node's
 *                         {@code announceEvery} overrides it)
 * @param pollInterval     the waiting loop's step: how long each wait for a key lasts (which also notices a hung-up
 *                         caller); between two waits the loop looks for a reservation, so an agent reserved for the
 *                         call is rung at most this much later
 * @param defaultFlow      the flow run when the call names none that exists
 * @param wakeableStep     the step instead where the channel can be woken ({@code CallChannel.wakeable()}): routing
 *                         wakes the wait when it reserves an agent, so the step only bounds how late a lost wake-up
 *                         rings the agent (and how often a waiting caller costs a round trip)
 */
public record IvrSettings(Duration announceInterval, Duration pollInterval, String defaultFlow,
                          Duration wakeableStep) {
    /** A wakeable channel waits in steps of this much by default. */
    public static final Duration WAKEABLE_STEP = Duration.ofSeconds(5);

    public IvrSettings {
        positive("announceInterval", announceInterval);
        positive("pollInterval", pollInterval);
        positive("wakeableStep", wakeableStep);
        if (defaultFlow == null || defaultFlow.isBlank()) {
            throw new ValidationException("defaultFlow", "defaultFlow is required");
        }
    }

    /** With the default {@link #WAKEABLE_STEP}. */
    public IvrSettings(Duration announceInterval, Duration pollInterval, String defaultFlow) {
        this(announceInterval, pollInterval, defaultFlow, WAKEABLE_STEP);
    }

    /**
     * Position every 30 s, flow {@code main}, a 500 ms key wait where the channel cannot be woken (one AGI round trip
     * per waiting caller every half second, a reserved agent rung at most half a second later) and 5 s where it can.
     */
    public static IvrSettings defaults() {
        return new IvrSettings(Duration.ofSeconds(30), Duration.ofMillis(500), "main");
    }

    private static void positive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ValidationException(field, field + " must be positive");
        }
    }
}
