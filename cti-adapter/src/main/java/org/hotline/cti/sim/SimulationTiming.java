package org.hotline.cti.sim;

import java.time.Duration;
import org.hotline.platform.error.ValidationException;

/**
 * How fast the simulated world moves.
 *
 * @param promptDuration how long a prompt (play, say digits/number, the prompt of a collect) "plays"
 * @param keyDelay       how long a caller takes to press a key once input is possible; a caller presses during a
 *                       prompt that accepts escape digits (barge-in) only when this is shorter than the prompt
 */
public record SimulationTiming(Duration promptDuration, Duration keyDelay) {
    public SimulationTiming {
        requireNonNegative("promptDuration", promptDuration);
        requireNonNegative("keyDelay", keyDelay);
    }

    /** No waiting at all: for tests. Timeouts asked for by the call handler still last as long as asked. */
    public static SimulationTiming instant() {
        return new SimulationTiming(Duration.ZERO, Duration.ZERO);
    }

    /** Human-like: 1.5 s prompts, a second to press a key (callers who know the menu interrupt it). */
    public static SimulationTiming demo() {
        return new SimulationTiming(Duration.ofMillis(1500), Duration.ofSeconds(1));
    }

    private static void requireNonNegative(String field, Duration d) {
        if (d == null || d.isNegative()) {
            throw new ValidationException(field, field + " must be zero or positive, got " + d);
        }
    }
}
