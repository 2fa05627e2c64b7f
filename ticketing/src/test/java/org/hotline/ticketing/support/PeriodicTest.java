package org.hotline.ticketing.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A stop lets the pass under way finish (its database work is not cut off) and starts no other. */
class PeriodicTest {
    @Test
    void aPassUnderWayAtTheStopFinishesUninterruptedAndNoOtherStarts() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicInteger passes = new AtomicInteger();
        Periodic periodic = new Periodic("periodic-test", LoggerFactory.getLogger(PeriodicTest.class),
                Duration.ofSeconds(30)).every(Duration.ofMillis(1), "test pass failed", () -> {
                    passes.incrementAndGet();
                    started.countDown();
                    try {
                        if (release.await(30, TimeUnit.SECONDS)) {
                            finished.set(true);
                        }
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        Thread stopping = Thread.ofPlatform().start(periodic::close);
        while (stopping.getState() != Thread.State.TIMED_WAITING && stopping.isAlive()) {
            Thread.onSpinWait(); // close() is waiting for the pass
        }
        release.countDown();
        stopping.join();

        assertThat(finished).isTrue();
        assertThat(interrupted).isFalse();
        assertThat(passes).hasValue(1);
    }
}
