package org.hotline.ticketing.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.event.NotificationPosted;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.user.LockoutPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery of due notifications: each one pushed exactly once even with two nodes polling one database, one written
 * after office hours only at the recipient's next working moment, and what fell due while no node ran at the next
 * run. Time is given to {@code runOnce}; nothing sleeps.
 */
class NotificationDeliveryTest extends DatabaseTestSupport {
    /** 20:00 on a Monday in Beijing. */
    private static final Instant EVENING = Instant.parse("2026-11-23T12:00:00Z");
    /** 09:00 on the Tuesday after. */
    private static final Instant NEXT_MORNING = Instant.parse("2026-11-24T01:00:00Z");

    private Ticketing ticketing;
    private NotificationTestData data;
    private Database secondNode;

    @BeforeAll
    void setUp() {
        ticketing = new Ticketing(db, clock, 1_000, LockoutPolicy.DEFAULT);
        data = new NotificationTestData(ticketing, testDb);
        secondNode = Database.open(testDb.config());
    }

    @AfterAll
    void tearDown() {
        secondNode.close();
        ticketing.close();
    }

    private void post(DbNotificationWriter writer, List<String> users, String kind, boolean urgent, Instant at) {
        db.inTransaction(tx -> {
            writer.toUsers(tx, users, kind, Map.of("kind", kind), null, urgent, at);
            return null;
        });
    }

    private static List<NotificationPosted> collect(LocalEventBus bus) {
        List<NotificationPosted> posted = new CopyOnWriteArrayList<>();
        bus.subscribe(NotificationPosted.class, posted::add);
        return posted;
    }

    @Test
    void twoNodesOnOneDatabaseDeliverEveryNotificationExactlyOnce() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            users.add(data.user("crowd", Role.AGENT));
        }
        DbNotificationWriter writer = new DbNotificationWriter(db, (s, u, at) -> at);
        for (int i = 0; i < 50; i++) {
            post(writer, users, "clock.warning", false, NOW);
        }
        long written = queryLong("SELECT COUNT(*) FROM notifications WHERE kind = 'clock.warning' "
                + "AND delivered_at IS NULL AND recipient LIKE 'crowd%'");
        assertThat(written).isEqualTo(400);

        LocalEventBus busA = new LocalEventBus();
        LocalEventBus busB = new LocalEventBus();
        List<NotificationPosted> a = collect(busA);
        List<NotificationPosted> b = collect(busB);
        NotificationDelivery nodeA = new NotificationDelivery(db, busA, clock, 7);
        NotificationDelivery nodeB = new NotificationDelivery(secondNode, busB, clock, 7);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Integer> runA = CompletableFuture.supplyAsync(() -> runAfter(go, nodeA));
        CompletableFuture<Integer> runB = CompletableFuture.supplyAsync(() -> runAfter(go, nodeB));
        go.countDown();
        int deliveredA = runA.get();
        int deliveredB = runB.get();

        List<Long> ids = new ArrayList<>();
        a.forEach(p -> ids.add(p.notification().id()));
        b.forEach(p -> ids.add(p.notification().id()));
        assertThat(deliveredA + deliveredB).isEqualTo(400);
        assertThat(ids).hasSize(400).doesNotHaveDuplicates();
        assertThat(queryLong("SELECT COUNT(*) FROM notifications WHERE recipient LIKE 'crowd%' "
                + "AND delivered_at IS NULL")).isZero();
        assertThat(nodeA.runOnce(NOW) + nodeB.runOnce(NOW)).as("nothing is left to deliver").isZero();
    }

    private static int runAfter(CountDownLatch go, NotificationDelivery node) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int total = 0;
        for (int i = 0; i < 3; i++) {
            total += node.runOnce(NOW);
        }
        return total;
    }

    @Test
    void aWarningWrittenAfterOfficeHoursIsPushedAtTheNextWorkingMoment() {
        String handler = data.user("office", Role.COMPLAINT_HANDLER);
        String engineer = data.user("night", Role.ENGINEER);
        DbNotificationWriter writer = new DbNotificationWriter(db, new OfficeHours(Set.of(handler)));
        post(writer, List.of(handler, engineer), "clock.warning", false, EVENING);
        LocalEventBus bus = new LocalEventBus();
        List<NotificationPosted> posted = collect(bus);
        NotificationDelivery node = new NotificationDelivery(db, bus, clock);

        node.runOnce(EVENING);
        assertThat(posted).extracting(p -> p.notification().recipient()).containsExactly(engineer);

        node.runOnce(NEXT_MORNING.minusMillis(1));
        assertThat(posted).hasSize(1);

        node.runOnce(NEXT_MORNING);
        assertThat(posted).hasSize(2);
        NotificationPosted morning = posted.get(1);
        assertThat(morning.notification().recipient()).isEqualTo(handler);
        assertThat(morning.notification().deliverAt()).isEqualTo(NEXT_MORNING);
        assertThat(morning.at()).isEqualTo(NEXT_MORNING);
        assertThat(queryValue("SELECT delivered_at FROM notifications WHERE recipient = ?", handler)).isNotNull();
    }

    @Test
    void whatFellDueWhileNoNodeRanIsDeliveredAtTheFirstRunAfterwards() {
        String user = data.user("late", Role.AGENT);
        DbNotificationWriter writer = new DbNotificationWriter(db, (s, u, at) -> at);
        post(writer, List.of(user), "ticket.assigned", false, NOW);
        post(writer, List.of(user), "clock.breached", true, NOW.plusSeconds(60));
        LocalEventBus bus = new LocalEventBus();
        List<NotificationPosted> posted = collect(bus);
        NotificationDelivery restarted = new NotificationDelivery(db, bus, clock);

        assertThat(restarted.runOnce(NOW.plusSeconds(3_600))).isGreaterThanOrEqualTo(2);

        assertThat(posted).filteredOn(p -> p.notification().recipient().equals(user))
                .extracting(p -> p.notification().kind()).containsExactly("ticket.assigned", "clock.breached");
    }
}
