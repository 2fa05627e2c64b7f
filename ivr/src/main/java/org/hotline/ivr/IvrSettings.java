package org.hotline.ivr;

import java.time.Duration;
import org.hotline.platform.error.ValidationException;

/**
 * Engine-wide IVR settings.
 *
 * @param announceInterval how often a waiting caller hears the queue position (a queue node's
 *                         {@code announceEvery} overrides it)
 * @param pollInterval     the waiting loop's step: how long it waits for a reservation, then for a key (which also
 *                         notices a hung-up caller), in turn
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

    /** Position every 30 s, 250 ms polling, flow {@code main}. */
    public static IvrSettings defaults() {
        return new IvrSettings(Duration.ofSeconds(30), Duration.ofMillis(250), "main");
    }

    private static void positive(String field, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ValidationException(field, field + " must be positive");
        }
    }
}
