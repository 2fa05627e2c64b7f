package org.hotline.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.hotline.app.db.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a demo under load leaves the records of its live calls open; the next start closes them as
 * INTERRUPTED ("platform restart") before it takes calls, and the calls it then takes get ids of their own: no record
 * is reused or merged.
 */
class KilledNodeRepairTest {

    @Test
    void recordsOpenAtAKillAreClosedAtTheNextStartAndNoIdIsReused() throws Exception {
        Path work = NodeDirs.fresh("killed-repair");
        try {
            int firstRun;
            try (ChildNode first = NodeDirs.demo(work, 20, 10, "first")) {
                first.awaitHealthy(Duration.ofMinutes(4));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                        .until(() -> JournalTally.read(work.resolve("journal")).arrived().size() >= 150);
                first.kill();
            }
            firstRun = JournalTally.read(work.resolve("journal")).arrived().size();

            try (ChildNode second = NodeDirs.demo(work, 20, 10, "second")) {
                second.awaitHealthy(Duration.ofMinutes(4));
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                        .until(() -> JournalTally.read(work.resolve("journal")).arrived().size() >= firstRun + 50);
                assertThat(second.terminate(Duration.ofMinutes(2))).isEqualTo(143);
                assertThat(second.outputText()).contains("call records repaired:");
            }

            JournalTally tally;
            long interrupted;
            long openRows;
            try (EmbeddedDatabase db = EmbeddedDatabase.start(work.resolve("db"));
                 Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                 Statement st = c.createStatement()) {
                tally = JournalTally.read(work.resolve("journal")).withRecords(c);
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM call_records WHERE outcome = 'INTERRUPTED'"
                        + " AND hangup_cause = 'platform restart'")) {
                    rs.next();
                    interrupted = rs.getLong(1);
                }
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM call_records WHERE outcome IS NULL")) {
                    rs.next();
                    openRows = rs.getLong(1);
                }
            }
            assertThat(tally.arrivedTwice()).as("call ids given to two calls").isEmpty();
            assertThat(openRows).as("records without an outcome after the second node stopped").isZero();
            assertThat(interrupted).as("calls live at the kill, closed by the repair at the next start").isPositive();
            assertThat(tally.repaired()).isNotEmpty();
            assertThat(tally.open()).isEmpty();
        } finally {
            NodeDirs.deleteTree(work);
        }
    }
}
