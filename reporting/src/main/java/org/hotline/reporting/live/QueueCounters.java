package org.hotline.reporting.live;

import java.time.Duration;

/** One queue's counts for the current day. Not thread-safe: part of {@link LiveCounts}. */
final class QueueCounters implements java.io.Serializable {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final QueueSpec spec;
    private long offered;
    private long answered;
    private long abandoned;
    private long callbacks;
    private long answeredWithinTarget;
    private long answeredWaitMillis;

    QueueCounters(QueueSpec spec) {
        this.spec = spec;
    }

    QueueSpec spec() {
        return spec;
    }

    void offered() {
        offered++;
    }

    void answered(Duration waited) {
        answered++;
        long millis = Math.max(0, waited.toMillis());
        answeredWaitMillis += millis;
        if (millis <= spec.serviceLevelSeconds() * 1000L) {
            answeredWithinTarget++;
        }
    }

    void abandoned() {
        abandoned++;
    }

    /** A waiting caller left with a queue callback: neither answered nor abandoned (outside the service level). */
    void callbackRequested() {
        callbacks++;
    }

    void reset() {
        callbacks = 0;
        offered = 0;
        answered = 0;
        abandoned = 0;
        answeredWithinTarget = 0;
        answeredWaitMillis = 0;
    }

    long offeredCount() {
        return offered;
    }

    long answeredCount() {
        return answered;
    }

    long callbackCount() {
        return callbacks;
    }

    long abandonedCount() {
        return abandoned;
    }

    /** Answered within the threshold over answered plus abandoned; 1 while neither has happened. */
    double serviceLevel() {
        long finished = answered + abandoned;
        return finished == 0 ? 1.0 : (double) answeredWithinTarget / finished;
    }

    /** Mean wait of the answered calls, rounded to the second; 0 before the first answer. */
    long averageWaitSeconds() {
        return answered == 0 ? 0 : Math.round(answeredWaitMillis / (double) answered / 1000.0);
    }
}
