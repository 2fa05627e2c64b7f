package org.hotline.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import org.hotline.app.db.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM to a node under load (a service manager's stop) closes it in order: no more calls taken, the live ones hung
 * up, the call recorder drained, the database stopped last. Every call the node took has its complete record.
 */
class OrderlyStopTest {

    @Test
    void aSigtermUnderLoadLeavesACompleteRecordForEveryCallTheNodeTook() throws Exception {
        Path work = NodeDirs.fresh("orderly-stop");
        try {
            String output;
            try (ChildNode node = NodeDirs.demo(work, 20, 10, "node")) {
                node.awaitHealthy(Duration.ofMinutes(4));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                        .until(() -> JournalTally.read(work.resolve("journal")).arrived().size() >= 150);
                int exit = node.terminate(Duration.ofMinutes(2));
                output = node.outputText();
                assertThat(exit).as(node.tail(30)).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
            }
            assertThat(output).contains("Hotline stopped in").contains("embedded MariaDB stopped in")
                    .doesNotContain("writes still pending").doesNotContain("not recorded");

            JournalTally tally;
            try (EmbeddedDatabase db = EmbeddedDatabase.start(work.resolve("db"));
                 Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                tally = JournalTally.read(work.resolve("journal")).withRecords(c);
            }
            assertThat(tally.arrived()).hasSizeGreaterThanOrEqualTo(150);
            assertThat(tally.missing()).as("calls taken without a record").isEmpty();
            assertThat(tally.open()).as("calls taken whose record never ended").isEmpty();
            assertThat(tally.complete()).hasSameSizeAs(tally.arrived());
            // the stop came while calls were in progress: those ended with the platform's shutdown, and say so
            assertThat(tally.records().values()).anySatisfy(r -> assertThat(r.hangupCause()).isEqualTo("shutdown"));
        } finally {
            NodeDirs.deleteTree(work);
        }
    }
}
