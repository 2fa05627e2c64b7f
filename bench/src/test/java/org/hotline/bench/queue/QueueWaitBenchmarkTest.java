package org.hotline.bench.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The queue-wait benchmark runs end to end on the real IVR, ACD and FastAGI server and stops by itself: every caller
 * reaches the waiting loop, every reservation rings its caller (an {@code EXEC Dial} reaches the peer) and has a
 * latency, and no session is left open afterwards. Its figures are measured, not asserted.
 */
class QueueWaitBenchmarkTest {
    @Test
    void callersWaitEveryReservationIsDialledAndEverySessionEnds() throws Exception {
        QueueWaitBenchmark.Result result = QueueWaitBenchmark.run(50, 20, QueueWaitBenchmark.Peers.IN_PROCESS,
                Duration.ofSeconds(1));

        System.out.println(result.text());
        assertThat(result.failure()).isNull();
        assertThat(result.waiting()).isEqualTo(50);
        assertThat(result.reserved()).isEqualTo(20);
        assertThat(result.latenciesNanos()).hasSize(20).allMatch(nanos -> nanos >= 0);
        assertThat(result.wrongDevice()).isZero();
        assertThat(result.sessionsLeftOpen()).isZero();
        assertThat(result.text())
                .startsWith("Queue wait over FastAGI: 50 of 50 callers waiting")
                .contains("peers in this JVM", "AGI commands/s", "EXEC Dial at the peer: n=20 ",
                        "20 reservation(s) of 20", "20 rung caller(s) hung up at the Dial and their sessions ended",
                        "all sessions closed", "ACD: 50 calls queued, 50 abandoned")
                .doesNotContain("stopped early", "not seen", "another device");
    }

    @Test
    void peersInAChildJvmReportTheirDialsToo() throws Exception {
        QueueWaitBenchmark.Result result = QueueWaitBenchmark.run(20, 5, QueueWaitBenchmark.Peers.CHILD_JVM,
                Duration.ofSeconds(1));

        System.out.println(result.text());
        assertThat(result.failure()).isNull();
        assertThat(result.waiting()).isEqualTo(20);
        assertThat(result.latenciesNanos()).hasSize(5);
        assertThat(result.wrongDevice()).isZero();
        assertThat(result.sessionsLeftOpen()).isZero();
        assertThat(result.text()).contains("peers in a child JVM", "wall clock", "EXEC Dial at the peer: n=5 ",
                "ACD: 20 calls queued, 20 abandoned");
    }

    @Test
    void percentilesAreNearestRank() {
        assertThat(QueueWaitBenchmark.summary(java.util.List.of())).isEqualTo("n=0");
        assertThat(QueueWaitBenchmark.summary(java.util.stream.LongStream.rangeClosed(1, 100)
                .map(ms -> ms * 1_000_000).boxed().toList()))
                .isEqualTo("n=100 p50=50.00ms p95=95.00ms p99=99.00ms max=100.00ms");
    }
}
