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
 */
public record IvrSettings(Duration announceInterval, Duration pollInterval, String defaultFlow) {
    public IvrSettings {
        positive("announceInterval", announceInterval);
        positive("pollInterval", pollInterval);
        if (defaultFlow == null || defaultFlow.isBlank()) {
            throw new ValidationException("defaultFlow", "defaultFlow is required");
        }
    }

    /**
     * Position every 30 s, flow {@code main}, and a 500 ms key wait: on Asterisk one AGI round trip per waiting caller
     * every half second, and a reserved agent rung at most half a second later (a quarter of a second on average).
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
