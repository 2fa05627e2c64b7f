package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.app.HotlinePlatform;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.stats.QueueStats;
import org.hotline.ticketing.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node restarted on the same external database (issue 7): call ids are never reused, no record is merged into
 * another call's, and the records a stopped node left open are closed at the next start as INTERRUPTED.
 */
class PlatformRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Patience short enough that an unanswered caller abandons at once. */
    private static final Duration IMPATIENT = Duration.ofMillis(20);

    private TestDatabase db;
    private final List<HotlinePlatform> nodes = new ArrayList<>();

    @BeforeEach
    void createDatabase() {
        db = TestDatabase.create();
    }

    @AfterEach
    void stop() {
        for (HotlinePlatform p : nodes) {
            p.close();
        }
        db.close();
    }

    private HotlinePlatform startNode() {
        HotlinePlatform p = Nodes.start(db, Map.of());
        nodes.add(p);
        return p;
    }

    /** Callers who press 2 (repair), find nobody and hang up: each call ends ABANDONED. */
    private static List<String> abandonedCalls(HotlinePlatform p, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(p.simulatedSwitch().placeCall(new SimulatedCaller("1390000" + String.format("%04d", i), "4000",
                    List.of("2"), IMPATIENT, null, Map.of())));
        }
        for (String id : ids) {
            await().atMost(WAIT).until(() -> p.ticketing().calls().find(id).map(r -> r.outcome() != null)
                    .orElse(false));
        }
        return ids;
    }

    private List<String> openRecords() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.connect();
             var rs = c.createStatement().executeQuery("SELECT call_id FROM call_records WHERE outcome IS NULL")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static CallRecord record(HotlinePlatform p, String id) {
        return p.ticketing().calls().find(id).orElseThrow();
    }

    @Test
    void aRestartedNodeNeverReusesACallIdNorMergesACallIntoAnEarlierRecord() {
        HotlinePlatform first = startNode();
        List<String> before = abandonedCalls(first, 5);
        Map<String, CallRecord> recordsBefore = new HashMap<>();
        before.forEach(id -> recordsBefore.put(id, record(first, id)));
        first.close();

        HotlinePlatform second = startNode();
        List<String> after = abandonedCalls(second, 5);

        Set<String> all = new HashSet<>(before);
        all.addAll(after);
        assertThat(all).as("ids of both runs").hasSize(10);
        for (String id : before) {
            assertThat(record(second, id)).as("record of %s, written by the first run", id)
                    .isEqualTo(recordsBefore.get(id));
        }
        for (String id : after) {
            CallRecord r = record(second, id);
            assertThat(r.outcome()).isEqualTo(CallOutcome.ABANDONED);
            assertThat(r.arrivedAt()).isAfterOrEqualTo(recordsBefore.get(before.getLast()).endedAt());
        }
        assertThat(second.ticketing().callRecorder().duplicateArrivals()).isZero();
        assertThat(second.ticketing().calls().recent(100)).hasSize(10);
    }

    @Test
    void recordsLeftOpenByANodeThatDiedAreClosedAtTheNextStartAndNotCountedAsWaiting() throws Exception {
        HotlinePlatform first = startNode();
        // a caller waits in the repair queue (nobody is ready) when the node dies: its record has no outcome
        String waiting = first.simulatedSwitch().placeCall(new SimulatedCaller("13900001111", "4000", List.of("2"),
                Duration.ofMinutes(10), null, Map.of()));
        await().atMost(WAIT).until(() -> first.ticketing().calls().find(waiting).map(r -> r.queuedAt() != null)
                .orElse(false));
        first.ticketing().callRecorder().close(); // the node died: nothing more reaches the database
        first.close();
        // and a row of an older version (sim-N ids) that crashed too
        Instant oldArrival = Instant.parse("2026-11-30T08:00:00.250Z");
        try (Connection c = db.connect();
             PreparedStatement st = c.prepareStatement("INSERT INTO call_records (call_id, ani, dnis, arrived_at) "
                     + "VALUES ('sim-1', '13800138000', '4000', ?)")) {
            st.setObject(1, LocalDateTime.ofInstant(oldArrival, ZoneOffset.UTC));
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(openRecords()).containsExactlyInAnyOrder(waiting, "sim-1");

        Instant restart = Instant.now().minusMillis(1);
        HotlinePlatform second = startNode();

        for (String id : List.of(waiting, "sim-1")) {
            await().atMost(WAIT).until(() -> record(second, id).outcome() != null);
            CallRecord r = record(second, id);
            assertThat(r.outcome()).as(id).isEqualTo(CallOutcome.INTERRUPTED);
            assertThat(r.hangupCause()).isEqualTo("platform restart");
            assertThat(r.endedAt()).isAfter(restart);
        }
        assertThat(record(second, waiting).queuedAt()).isNotNull();
        assertThat(record(second, "sim-1").arrivedAt()).isEqualTo(oldArrival);
        assertThat(second.stats().snapshot().queues()).extracting(QueueStats::waiting).containsOnly(0);
        assertThat(openRecords()).isEmpty();

        // a new call on the restarted node is recorded under its own id, not merged into an old record
        List<String> next = abandonedCalls(second, 1);
        assertThat(next.getFirst()).isNotIn(waiting, "sim-1");
        assertThat(record(second, next.getFirst()).outcome()).isEqualTo(CallOutcome.ABANDONED);
    }
}
