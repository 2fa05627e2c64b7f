package org.hotline.bench.callcost;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The call-cost benchmark runs end to end, a whole node on the Asterisk profile against the child JVM's peers, on the
 * MariaDB server of the machine, and stops by itself: in every round each call is answered by an agent, ends, and
 * leaves an answered call record; the printout ends with the ratio to Asterisk's CPU. Its figures are measured, not
 * asserted.
 */
class CallCostBenchmarkTest {
    @Test
    void everyCallIsAnsweredAndRecordedAndTheRatioToAsteriskIsPrintedLast() throws Exception {
        CallCostBenchmark.Result result = CallCostBenchmark.measure(new CallCostBenchmark.Options(12, 6, 2, 3,
                Duration.ofMillis(100), Duration.ofMillis(200), "jdbc:mariadb://127.0.0.1:3306/", "root", ""));

        System.out.println(result.text());
        assertThat(result.rounds()).hasSize(2).allSatisfy(r -> {
            assertThat(r.placed()).isEqualTo(12);
            assertThat(r.answered()).as(r.problem()).isEqualTo(12);
            assertThat(r.ended()).isEqualTo(12);
            assertThat(r.records()).isEqualTo(12);
            assertThat(r.nothingLost()).isTrue();
            assertThat(r.cpuMsPerCall()).isPositive();
        });
        String[] lines = result.text().strip().split("\n");
        assertThat(lines[lines.length - 1]).matches("warm node: [0-9.]+ ms of CPU per call \\(median of the warm"
                + " rounds\\): [0-9.]+ % of Asterisk's");
        assertThat(result.text()).contains("round 1 (a fresh node): 12 calls, 12 answered",
                "nothing lost", "Asterisk 22 (PJSIP, SIPp callers, the same call) spent 58-68 ms");
    }

    @Test
    void eachCallOfTheShapeSendsOnlyWhatTheAmiAccountReceives() {
        CallShape shape = CallShape.fromCapture(org.hotline.cti.asterisk.ami.AmiGateway.eventsHandled());
        CallShape.Names names = new CallShape.Names("PJSIP/trunk-0000abcd", "1797000000.7", "13900000007",
                "PJSIP/cc0001", "PJSIP/cc0001-00000007", "1797000000.79", "bridge-7");
        StringBuilder all = new StringBuilder();
        for (CallShape.Moment m : CallShape.Moment.values()) {
            all.append(new String(shape.events(m, names), java.nio.charset.StandardCharsets.UTF_8));
        }
        String text = all.toString();
        assertThat(text).doesNotContain("lab-trunk-00000000", "1796164244.0", "PJSIP/1001-00000001",
                "df378cf2-967c-4e78-8b92-587d8cf7da66", "\u0001");
        assertThat(text.split("\r\n\r\n")).hasSize(shape.eventsPerCall()).allSatisfy(event ->
                assertThat(org.hotline.cti.asterisk.ami.AmiGateway.eventsHandled())
                        .contains(event.lines().findFirst().orElseThrow().substring("Event: ".length())
                                .toLowerCase(java.util.Locale.ROOT)));
        assertThat(text).contains("Event: DialBegin", "DestChannel: PJSIP/cc0001-00000007", "DialStatus: ANSWER",
                "Event: BridgeEnter\r\nPrivilege: call,all\r\nBridgeUniqueid: bridge-7",
                "Event: BridgeLeave", "Event: BridgeDestroy", "Device: PJSIP/cc0001\r\nState: NOT_INUSE",
                "Event: Hangup\r\nPrivilege: call,all\r\nChannel: PJSIP/cc0001-00000007",
                "Event: Hangup\r\nPrivilege: call,all\r\nChannel: PJSIP/trunk-0000abcd");
    }
}
