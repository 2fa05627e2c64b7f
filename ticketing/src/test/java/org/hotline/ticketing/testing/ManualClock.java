package org.hotline.ticketing.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A clock the test moves by hand (retry back-offs, rate limits), never by sleeping. */
public final class ManualClock extends Clock {
    private final ZoneId zone;
    private volatile Instant now;

    public ManualClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        ManualClock other = new ManualClock(now, z);
        return other;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
