package org.hotline.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Every timestamp in Hotline has millisecond precision, end to end (events, database, API). */
public final class Times {
    private Times() {
    }

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    public static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }
}
