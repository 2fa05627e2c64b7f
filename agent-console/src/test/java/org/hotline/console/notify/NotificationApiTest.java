package org.hotline.console.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.notify.NotificationDelivery;
import org.junit.jupiter.api.Test;

/**
 * The bell over real HTTP and WebSocket: a delivered notification reaches its recipient's sockets and no one else's,
 * the list and the unread count, marking one or all read, and another user's notification answering 404.
 */
class NotificationApiTest extends StackTestBase {

    private String handler() {
        return backend.newUser("handler", Set.of(Role.COMPLAINT_HANDLER), Set.of());
    }

    /**
     * Writes a notification for {@code user} as the workflow would, and has it delivered at once. It is written at a
     * past moment inside the default calendar's working hours (Monday 10:15 Beijing): a non-urgent notification
     * written outside them would wait for the recipient's next working period, whenever the test runs.
     */
    private void notify(String user, String kind, Map<String, String> params, Long ticketId) {
        Instant now = Instant.parse("2026-11-23T02:15:00Z");
        backend.db.inTransaction(tx -> {
            backend.ticketing.notificationWriter().toUsers(tx, List.of(user), kind, params, ticketId, false, now);
            return null;
        });
        new NotificationDelivery(backend.db, backend.bus, backend.clock).runOnce(now);
    }

    private Ticket ticket() {
        return backend.ticketing.tickets().create(new NewTicket(TicketType.CONSULTATION, "服务质量",
                TicketPriority.NORMAL, null, null, null, ServiceMode.PHONE, "客户投诉维修等待太久。"), "agent1");
    }

    private static boolean isNotification(JsonNode m) {
        return "notification".equals(m.path("type").asText());
    }

    @Test
    void aDeliveredNotificationIsPushedToItsRecipientsSocketsOnly() throws Exception {
        String mine = handler();
        String theirs = handler();
        Ticket ticket = ticket();
        try (Socket a = Socket.open(api, api.login(mine)); Socket a2 = Socket.open(api, api.login(mine));
             Socket b = Socket.open(api, api.login(theirs))) {
            a.awaitType("hello");
            a2.awaitType("hello");
            b.awaitType("hello");

            notify(mine, "ticket.assigned", Map.of("number", ticket.number()), ticket.id());

            JsonNode pushed = a.await(NotificationApiTest::isNotification).path("notification");
            assertThat(pushed.path("kind").asText()).isEqualTo("ticket.assigned");
            assertThat(pushed.path("params").path("number").asText()).isEqualTo(ticket.number());
            assertThat(pushed.path("ticketId").asLong()).isEqualTo(ticket.id());
            assertThat(pushed.path("ticketNumber").asText()).isEqualTo(ticket.number());
            assertThat(pushed.path("read").asBoolean()).isFalse();
            assertThat(a2.await(NotificationApiTest::isNotification).path("notification").path("id").asLong())
                    .as("every socket of the recipient").isEqualTo(pushed.path("id").asLong());

            // pushes leave in order: once the other user's own one has arrived, the first one would have too
            notify(theirs, "daily.check", Map.of("count", "2"), null);
            b.await(NotificationApiTest::isNotification);
            assertThat(b.messages()).filteredOn(NotificationApiTest::isNotification)
                    .extracting(m -> m.path("notification").path("kind").asText()).containsExactly("daily.check");
        }
    }

    @Test
    void theListHoldsTheUsersOwnNotificationsNewestFirstWithTheUnreadCount() {
        String user = handler();
        String other = handler();
        notify(user, "clock.warning", Map.of("number", "T1", "clock", "RESOLUTION"), null);
        notify(user, "ticket.assigned", Map.of("number", "T2"), null);
        notify(other, "ticket.assigned", Map.of("number", "T3"), null);

        Reply r = api.get("/api/notifications", api.login(user));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("unread").asInt()).isEqualTo(2);
        assertThat(r.json().path("notifications")).extracting(n -> n.path("params").path("number").asText())
                .containsExactly("T2", "T1");
    }

    @Test
    void markingOneReadLowersTheCountAndTheUnreadListNoLongerHoldsIt() {
        String user = handler();
        notify(user, "clock.warning", Map.of("number", "T1"), null);
        notify(user, "clock.breached", Map.of("number", "T1"), null);
        String token = api.login(user);
        long newest = api.get("/api/notifications", token).json().path("notifications").get(0).path("id").asLong();

        Reply read = api.post("/api/notifications/" + newest + "/read", "", token);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("read").asBoolean()).isTrue();
        Reply unread = api.get("/api/notifications?unread=true&limit=10", token);
        assertThat(unread.json().path("unread").asInt()).isEqualTo(1);
        assertThat(unread.json().path("notifications")).extracting(n -> n.path("kind").asText())
                .containsExactly("clock.warning");
    }

    @Test
    void anotherUsersNotificationIsNotFoundAndStaysUnread() {
        String owner = handler();
        String intruder = handler();
        notify(owner, "ticket.assigned", Map.of("number", "T9"), null);
        String ownerToken = api.login(owner);
        long id = api.get("/api/notifications", ownerToken).json().path("notifications").get(0).path("id").asLong();

        Reply r = api.post("/api/notifications/" + id + "/read", "", api.login(intruder));

        assertThat(r.status()).isEqualTo(404);
        assertThat(api.get("/api/notifications", ownerToken).json().path("unread").asInt()).isEqualTo(1);
        assertThat(api.get("/api/notifications", api.login(intruder)).json().path("notifications")).isEmpty();
    }

    @Test
    void allReadClearsTheCountButKeepsTheList() {
        String user = handler();
        notify(user, "clock.warning", Map.of(), null);
        notify(user, "clock.escalated", Map.of("level", "1"), null);
        String token = api.login(user);

        Reply r = api.post("/api/notifications/read-all", "", token);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("marked").asInt()).isEqualTo(2);
        Reply after = api.get("/api/notifications", token);
        assertThat(after.json().path("unread").asInt()).isZero();
        assertThat(after.json().path("notifications")).hasSize(2)
                .allSatisfy(n -> assertThat(n.path("read").asBoolean()).isTrue());
    }

    @Test
    void aBadLimitOrIdIsA400NamingIt() {
        String token = api.login(handler());

        Reply limit = api.get("/api/notifications?limit=0", token);
        Reply unread = api.get("/api/notifications?unread=maybe", token);
        Reply id = api.post("/api/notifications/abc/read", "", token);

        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.field()).isEqualTo("limit");
        assertThat(unread.status()).isEqualTo(400);
        assertThat(unread.field()).isEqualTo("unread");
        assertThat(id.status()).isEqualTo(400);
        assertThat(id.field()).isEqualTo("id");
    }
}
