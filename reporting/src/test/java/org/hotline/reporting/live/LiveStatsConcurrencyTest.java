package org.hotline.reporting.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.platform.stats.LiveSnapshot;
import org.hotline.platform.stats.QueueStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events from many call threads while a wallboard reads snapshots: nothing is lost, no figure goes wrong. */
class LiveStatsConcurrencyTest {
    private static final int CALLS = 400;

    private final StatsFixture f = new StatsFixture();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void close() {
        threads.shutdownNow();
        f.close();
    }

    @Test
    void countsStayExactUnderConcurrentEventsAndSnapshots() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Future<Integer> wallboard = threads.submit(() -> {
            int bad = 0;
            for (int i = 0; i < 100_000 && !done.get(); i++) {
                LiveSnapshot s = f.stats.snapshot();
                for (QueueStats q : s.queues()) {
                    if (q.answered() + q.abandoned() + q.waiting() > q.offered()) {
                        bad++;
                    }
                }
            }
            return bad;
        });
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            String id = "c" + i;
            String queue = i % 2 == 0 ? "support" : "sales";
            boolean answered = i % 8 < 6;   // a quarter of each queue's calls hang up
            calls.add(threads.submit(() -> {
                f.queued(id, queue, false);
                if (answered) {
                    f.answered(id, queue, "agent" + (id.hashCode() & 7));
                } else {
                    f.abandoned(id, queue, Duration.ZERO);
                }
            }));
        }
        for (Future<?> c : calls) {
            c.get(30, TimeUnit.SECONDS);
        }
        done.set(true);

        assertThat(wallboard.get(30, TimeUnit.SECONDS)).as("snapshots with inconsistent figures").isZero();
        for (QueueStats q : f.stats.snapshot().queues()) {
            assertThat(q.offered()).isEqualTo(CALLS / 2);
            assertThat(q.answered()).isEqualTo(CALLS / 2 - CALLS / 8);
            assertThat(q.abandoned()).isEqualTo(CALLS / 8);
            assertThat(q.waiting()).isZero();
        }
    }
}
