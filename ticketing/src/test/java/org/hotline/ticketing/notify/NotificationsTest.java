package org.hotline.ticketing.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hotline.platform.notify.Notification;
import org.hotline.platform.notify.Notifications;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.user.LockoutPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bell's side: a user's list newest first, the unread count, marking read, and nobody else's rows. */
class NotificationsTest extends DatabaseTestSupport {
    private Ticketing ticketing;
    private NotificationTestData data;
    private Notifications notifications;

    @BeforeAll
    void setUp() {
        ticketing = new Ticketing(db, clock, 1_000, LockoutPolicy.DEFAULT);
        data = new NotificationTestData(ticketing, testDb);
        notifications = ticketing.notifications();
    }

    @AfterAll
    void tearDown() {
        ticketing.close();
    }

    private void post(String user, String kind, Duration ago) {
        db.inTransaction(tx -> {
            ticketing.notificationWriter().toUsers(tx, List.of(user), kind, Map.of("n", kind), null, true,
                    NOW.minus(ago));
            return null;
        });
    }

    @Test
    void theListIsNewestFirstAndCountsTheUnread() {
        String user = data.user("handler", Role.COMPLAINT_HANDLER);
        post(user, "clock.warning", Duration.ofMinutes(30));
        post(user, "ticket.assigned", Duration.ofMinutes(5));

        Notifications.Inbox inbox = notifications.inbox(user, false, 10);

        assertThat(inbox.unread()).isEqualTo(2);
        assertThat(inbox.notifications()).extracting(Notification::kind)
                .containsExactly("ticket.assigned", "clock.warning");
        assertThat(notifications.unread(user)).isEqualTo(2);
    }

    @Test
    void markingOneReadLowersTheCountAndKeepsItInTheList() {
        String user = data.user("handler", Role.COMPLAINT_HANDLER);
        post(user, "clock.warning", Duration.ofMinutes(30));
        post(user, "ticket.assigned", Duration.ofMinutes(5));
        long newest = notifications.of(user, false, 10).getFirst().id();

        assertThat(notifications.markRead(user, newest)).isTrue();
        assertThat(notifications.markRead(user, newest)).as("marking again is no error").isTrue();

        assertThat(notifications.unread(user)).isEqualTo(1);
        assertThat(notifications.of(user, true, 10)).extracting(Notification::kind).containsExactly("clock.warning");
        assertThat(notifications.of(user, false, 10)).hasSize(2).first()
                .satisfies(n -> assertThat(n.readAt()).isEqualTo(NOW));
    }

    @Test
    void aUserCannotReadOrMarkAnotherUsersNotification() {
        String owner = data.user("owner", Role.AGENT);
        String other = data.user("other", Role.AGENT);
        post(owner, "ticket.assigned", Duration.ZERO);
        long id = notifications.of(owner, false, 10).getFirst().id();

        assertThat(notifications.markRead(other, id)).isFalse();
        assertThat(notifications.markRead(other, 99_999_999L)).isFalse();
        assertThat(notifications.of(other, false, 10)).isEmpty();
        assertThat(notifications.markAllRead(other)).isZero();
        assertThat(notifications.unread(owner)).isEqualTo(1);
    }

    @Test
    void markAllReadMarksEveryDueOneButNotOneStillWaiting() {
        String user = data.user("office", Role.COMPLAINT_HANDLER);
        post(user, "clock.warning", Duration.ofMinutes(3));
        post(user, "clock.breached", Duration.ofMinutes(2));
        db.inTransaction(tx -> {
            new DbNotificationWriter(db, (s, u, at) -> at.plus(Duration.ofHours(10)))
                    .toUsers(tx, List.of(user), "daily.check", Map.of(), null, false, NOW);
            return null;
        });

        assertThat(notifications.markAllRead(user)).isEqualTo(2);

        assertThat(notifications.unread(user)).isZero();
        Notifications later = new DbNotifications(db, Clock.offset(clock, Duration.ofHours(11)));
        assertThat(later.of(user, true, 10)).extracting(Notification::kind).containsExactly("daily.check");
    }

    @Test
    void theLimitBoundsTheList() {
        String user = data.user("busy", Role.AGENT);
        for (int i = 0; i < 5; i++) {
            post(user, "clock.warning", Duration.ofMinutes(i));
        }

        assertThat(notifications.of(user, false, 3)).hasSize(3);
        assertThat(notifications.inbox(user, false, 3).unread()).isEqualTo(5);
    }
}
