package org.hotline.ticketing.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Passes run every period on one virtual thread of their own until {@link #close()}: a pass that throws is logged
 * and the next one runs as planned. The SLA clock scheduler, the notification delivery and the mail channel all run
 * this way; each still has its own {@code runOnce}/{@code pollNow} that tests call with a manual clock.
 */
public final class Periodic implements AutoCloseable {
    private final ScheduledExecutorService executor;
    private final Logger log;
    private final Duration grace;

    /**
     * @param name  the thread's name
     * @param grace how long {@link #close()} waits for a pass under way (zero: not at all)
     */
    public Periodic(String name, Logger log, Duration grace) {
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name(name).factory());
        this.log = log;
        this.grace = grace;
    }

    /** Runs {@code pass} now and then every {@code period}; {@code failure} starts the warning of a failed pass. */
    public Periodic every(Duration period, String failure, Runnable pass) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                pass.run();
            } catch (RuntimeException e) {
                log.warn("{}: {}", failure, e.toString());
            }
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Stops the passes: none starts any more, and one under way is let finish within the grace period (an interrupt
     * would break its database connection mid-statement and fail the pass with a warning at every stop); past the
     * grace period it is interrupted and left to finish on its own. With no grace period it is interrupted at once.
     */
    @Override
    public void close() {
        if (grace.isZero()) {
            executor.shutdownNow();
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                log.warn("still busy {} s after the stop, interrupted and left to finish on its own",
                        grace.toSeconds());
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
