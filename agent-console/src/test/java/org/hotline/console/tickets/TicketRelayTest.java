package org.hotline.console.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.Test;

/**
 * The ticket workspace refreshes itself from the console socket: after an action, the sockets of users who work
 * tickets get {@code ticket.changed} with the ticket's id and new version (nothing of its content), and an
 * administrator's socket, whose pages show no tickets, gets nothing.
 */
class TicketRelayTest extends StackTestBase {

    private static boolean isChange(JsonNode m) {
        return "ticket.changed".equals(m.path("type").asText());
    }

    @Test
    void anActionTellsTheOpenTicketPagesWhichTicketChangedAndNothingMore() throws Exception {
        String agent = backend.newUser("agent", Set.of(Role.AGENT), Set.of("complaint"));
        String manager = backend.newUser("cm", Set.of(Role.COMPLAINT_MANAGER), Set.of());
        String admin = backend.newUser("admin", Set.of(Role.ADMIN), Set.of());
        String agentToken = api.login(agent);
        String managerToken = api.login(manager);
        Api.Reply created = api.post("/api/tickets", Api.json("type", "COMPLAINT", "category", "服务质量",
                "serviceMode", "PHONE", "description", "客户投诉营业厅服务态度差", "complaintClass", "SERVICE_QUALITY",
                "severity", "NORMAL", "contactName", "李女士", "contactPhone", "13800001111"), agentToken);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        long version = api.get("/api/tickets/" + id, managerToken).json().get("version").asLong();

        try (Socket watching = Socket.open(api, managerToken); Socket adminSocket = Socket.open(api, api.login(admin))) {
            watching.awaitType("hello");
            adminSocket.awaitType("hello");

            Api.Reply acted = api.post("/api/tickets/" + id + "/actions/classify",
                    Api.json("version", version, "severity", "MAJOR"), managerToken);
            assertThat(acted.status()).as(acted.body()).isEqualTo(200);

            JsonNode change = watching.await(m -> isChange(m) && m.path("ticketId").asLong() == id);
            assertThat(change.path("version").asLong()).isEqualTo(acted.json().get("version").asLong());
            assertThat(change.toString()).doesNotContain(created.json().get("number").asText(), "MAJOR", manager);
            // the relay sends to every socket in one pass: the admin's would have left with the manager's
            assertThat(adminSocket.messages()).noneMatch(TicketRelayTest::isChange);
        }
    }
}
