package org.hotline.cti.sim;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.hotline.platform.error.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places simulated calls on a {@link SimulatedSwitch}: Poisson arrivals at the profile's rate, callers drawn from the
 * profile. Stops by itself after the profile's duration or max calls (whichever comes first), or on {@link #stop()}.
 * One generator runs once.
 */
public final class TrafficGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficGenerator.class);

    private final SimulatedSwitch sw;
    private final TrafficProfile profile;
    private final RandomCallers callers;
    private final AtomicLong placed = new AtomicLong();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private Thread thread;

    public TrafficGenerator(SimulatedSwitch sw, TrafficProfile profile, RandomGenerator rnd) {
        this.sw = Objects.requireNonNull(sw, "sw");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.callers = new RandomCallers(profile, Objects.requireNonNull(rnd, "rnd"));
    }

    /** @throws ConflictException when already started */
    public synchronized void start() {
        if (thread != null) {
            throw new ConflictException("traffic generator already started");
        }
        thread = Thread.ofVirtual().name("sim-traffic").start(this::run);
        LOG.info("traffic generator started: {} calls/s, duration {}, max {} calls", profile.callsPerSecond(),
                profile.duration(), profile.maxCalls());
    }

    /** Stops placing calls (calls already placed go on). */
    public void stop() {
        stopSignal.countDown();
    }

    /**
     * Stops placing calls and waits (at most {@code max}) until the generator's thread has placed its last one, so that
     * a switch closed afterwards sees every call this generator placed.
     */
    public void stopAndAwait(java.time.Duration max) throws InterruptedException {
        stop();
        synchronized (this) {
            if (thread == null) {
                return;
            }
        }
        if (!finished.await(max.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("traffic generator still running {} after it was asked to stop", max);
        }
    }

    /** How many calls were placed so far. */
    public long placed() {
        return placed.get();
    }

    /** True between {@link #start()} and the moment the generator stopped. */
    public synchronized boolean running() {
        return thread != null && finished.getCount() > 0;
    }

    /**
     * Each arrival is due at the previous one's due time plus a gap (the schedule, not the clock, advances), so that
     * neither the time a placement takes nor a late wake-up lowers the rate: a generator behind its schedule places
     * the calls that are due at once. The calls placed are exactly those the schedule puts within the duration.
     */
    private void run() {
        boolean bounded = !profile.duration().isZero();
        long start = System.nanoTime();
        long durationNanos = bounded ? profile.duration().toNanos() : Long.MAX_VALUE;
        long due = 0; // nanoseconds after start
        try {
            while (profile.maxCalls() == 0 || placed.get() < profile.maxCalls()) {
                long gap = callers.nextGapNanos();
                due = gap >= Long.MAX_VALUE - due ? Long.MAX_VALUE : due + gap;
                if (bounded && due >= durationNanos) {
                    stopSignal.await(Math.max(0, durationNanos - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
                    break;
                }
                long wait = due - (System.nanoTime() - start);
                if (wait > 0 ? stopSignal.await(wait, TimeUnit.NANOSECONDS) : stopSignal.getCount() == 0) {
                    break;
                }
                try {
                    sw.placeCall(callers.next());
                    placed.incrementAndGet();
                } catch (ConflictException e) {
                    LOG.warn("traffic generator stops: {}", e.getMessage());
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished.countDown();
            LOG.info("traffic generator stopped after {} calls", placed.get());
        }
    }
}
