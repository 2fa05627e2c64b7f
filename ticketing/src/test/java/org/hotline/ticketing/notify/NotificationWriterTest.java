package org.hotline.ticketing.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.notify.Notification;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who a notification reaches and when it is due: written in the caller's transaction, to the users, role holders or
 * department managers named (unknown and repeated ones skipped), at the recipient's next working moment unless
 * urgent.
 */
class NotificationWriterTest extends DatabaseTestSupport {
    /** 20:00 on a Monday in Beijing: after office hours. */
    private static final Instant EVENING = Instant.parse("2026-11-23T12:00:00Z");
    /** 09:00 on the Tuesday after. */
    private static final Instant NEXT_MORNING = Instant.parse("2026-11-24T01:00:00Z");

    private Ticketing ticketing;
    private NotificationTestData data;
    private String officeWorker;
    private DbNotificationWriter writer;

    @BeforeAll
    void setUp() {
        ticketing = new Ticketing(db, clock, 1_000, org.hotline.ticketing.user.LockoutPolicy.DEFAULT);
        data = new NotificationTestData(ticketing, testDb);
        officeWorker = data.user("office", Role.COMPLAINT_HANDLER);
        writer = new DbNotificationWriter(db, new OfficeHours(Set.of(officeWorker)));
    }

    @AfterAll
    void tearDown() {
        ticketing.close();
    }

    /** The notifications of {@code user} as they will be seen at {@code at}. */
    private List<Notification> seenBy(String user, Instant at) {
        return new DbNotifications(db, Clock.fixed(at, BEIJING)).of(user, false, 50);
    }

    @Test
    void anAssignmentNotificationCarriesTheTicketNumberAndItsParameters() {
        String handler = data.user("handler", Role.COMPLAINT_HANDLER);
        long ticket = data.ticket();
        String number = queryString("SELECT `number` FROM tickets WHERE id = ?", ticket);

        db.inTransaction(tx -> {
            writer.toUsers(tx, List.of(handler), "ticket.assigned", Map.of("number", number, "by", "经理"), ticket,
                    false, NOW);
            return null;
        });

        List<Notification> seen = seenBy(handler, NOW);
        assertThat(seen).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo("ticket.assigned");
            assertThat(n.params()).containsEntry("number", number).containsEntry("by", "经理");
            assertThat(n.ticketId()).isEqualTo(ticket);
            assertThat(n.ticketNumber()).isEqualTo(number);
            assertThat(n.createdAt()).isEqualTo(NOW);
            assertThat(n.deliverAt()).isEqualTo(NOW);
            assertThat(n.readAt()).isNull();
        });
    }

    @Test
    void aNotificationExistsOnlyWhenTheChangeThatCausedItIsCommitted() {
        String handler = data.user("handler", Role.COMPLAINT_HANDLER);

        assertThatThrownBy(() -> db.inTransaction(tx -> {
            writer.toUsers(tx, List.of(handler), "ticket.assigned", Map.of(), null, false, NOW);
            throw new IllegalStateException("the assignment failed after the notification was written");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(seenBy(handler, NOW)).isEmpty();
    }

    @Test
    void unknownAndRepeatedRecipientsAreSkipped() {
        String a = data.user("a", Role.AGENT);
        String b = data.user("b", Role.AGENT);

        db.inTransaction(tx -> {
            writer.toUsers(tx, List.of(a, "nobody-like-this", b, a, ""), "daily.check", Map.of("count", "3"), null,
                    false, NOW);
            return null;
        });

        assertThat(seenBy(a, NOW)).hasSize(1);
        assertThat(seenBy(b, NOW)).hasSize(1);
        assertThat(queryLong("SELECT COUNT(*) FROM notifications WHERE recipient = 'nobody-like-this'")).isZero();
    }

    @Test
    void aMajorComplaintReachesEveryCentreHeadAndNobodyElse() {
        String head1 = data.user("head", Role.CENTRE_HEAD);
        String head2 = data.user("head", Role.CENTRE_HEAD, Role.SUPERVISOR);
        String manager = data.user("manager", Role.COMPLAINT_MANAGER);

        db.inTransaction(tx -> {
            writer.toRole(tx, Role.CENTRE_HEAD, "complaint.major", Map.of("number", "T1"), null, true, NOW);
            return null;
        });

        assertThat(seenBy(head1, NOW)).singleElement().satisfies(n -> assertThat(n.urgent()).isTrue());
        assertThat(seenBy(head2, NOW)).hasSize(1);
        assertThat(seenBy(manager, NOW)).isEmpty();
    }

    @Test
    void anEscalationReachesTheManagersOfTheDepartmentsButNotTheirMembers() {
        String boss1 = data.user("boss", Role.DEPARTMENT_MANAGER);
        String boss2 = data.user("boss", Role.DEPARTMENT_MANAGER);
        String member = data.user("member", Role.ENGINEER);
        long repair = data.department(Set.of(boss1), Set.of(member));
        long logistics = data.department(Set.of(boss1, boss2), Set.of());

        db.inTransaction(tx -> {
            writer.toDepartmentManagers(tx, List.of(repair, logistics), "clock.escalated", Map.of("level", "1"),
                    null, false, NOW);
            return null;
        });

        assertThat(seenBy(boss1, NOW)).as("a manager of both departments is told once").hasSize(1);
        assertThat(seenBy(boss2, NOW)).hasSize(1);
        assertThat(seenBy(member, NOW)).isEmpty();
    }

    @Test
    void aWarningAfterOfficeHoursWaitsForTheRecipientsNextMorning() {
        db.inTransaction(tx -> {
            writer.toUsers(tx, List.of(officeWorker), "clock.warning", Map.of("clock", "RESOLUTION"), null, false,
                    EVENING);
            return null;
        });

        assertThat(seenBy(officeWorker, EVENING)).isEmpty();
        assertThat(seenBy(officeWorker, NEXT_MORNING)).singleElement().satisfies(n -> {
            assertThat(n.createdAt()).isEqualTo(EVENING);
            assertThat(n.deliverAt()).isEqualTo(NEXT_MORNING);
        });
    }

    @Test
    void anUrgentNotificationAfterOfficeHoursIsDueAtOnce() {
        String worker = data.user("office", Role.COMPLAINT_HANDLER);
        DbNotificationWriter officeOnly = new DbNotificationWriter(db, new OfficeHours(Set.of(worker)));

        db.inTransaction(tx -> {
            officeOnly.toUsers(tx, List.of(worker), "complaint.major", Map.of(), null, true, EVENING);
            return null;
        });

        assertThat(seenBy(worker, EVENING)).singleElement()
                .satisfies(n -> assertThat(n.deliverAt()).isEqualTo(EVENING));
    }

    @Test
    void aNotificationAboutATicketThatDoesNotExistIsRefused() {
        String user = data.user("u", Role.AGENT);

        assertThatThrownBy(() -> db.inTransaction(tx -> {
            writer.toUsers(tx, List.of(user), "ticket.assigned", Map.of(), 987_654_321L, false, NOW);
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("987654321");
        assertThat(seenBy(user, NOW)).isEmpty();
    }
}
