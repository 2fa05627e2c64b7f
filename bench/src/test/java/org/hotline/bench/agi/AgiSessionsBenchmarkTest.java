package org.hotline.bench.agi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark runs end to end and stops by itself (its figures are measured, not asserted). */
class AgiSessionsBenchmarkTest {
    @Test
    void sessionsHeldInThisJvmAreAllUpThenAllEnded() throws Exception {
        String line = AgiSessionsBenchmark.run(30, AgiSessionsBenchmark.Peers.IN_PROCESS);

        assertThat(line).startsWith("FastAGI sessions: 30 of 30 held concurrently (peers in this JVM)")
                .contains("heap used after GC", "platform threads", "all ended");
    }

    @Test
    void peersInAChildJvmHoldTheSessionsToo() throws Exception {
        String line = AgiSessionsBenchmark.run(10, AgiSessionsBenchmark.Peers.CHILD_JVM);

        assertThat(line).startsWith("FastAGI sessions: 10 of 10 held concurrently (peers in a child JVM")
                .contains("all ended");
    }
}
