package org.hotline.console.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.Test;

/**
 * The pickers of the ticket workspace's forms over real HTTP: a complaint offers the complaint handlers (not the
 * engineers, not the agents) and the departments; a ticket the caller may not see answers 404, like the ticket. The
 * list filters' pickers ({@code /api/tickets/choices}) offer every back-office user and every department.
 */
class TicketChoicesTest extends StackTestBase {

    private static List<String> values(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(c -> out.add(c.path("value").asText()));
        return out;
    }

    private long complaint(String agentToken) {
        Api.Reply created = api.post("/api/tickets", Api.json("type", "COMPLAINT", "category", "服务质量",
                "serviceMode", "PHONE", "description", "客户投诉等待时间太长", "complaintClass", "SERVICE_QUALITY",
                "severity", "NORMAL", "contactName", "李女士", "contactPhone", "13800001111"), agentToken);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    @Test
    void aComplaintOffersTheComplaintHandlersAndTheDepartments() throws Exception {
        String handler = backend.newUser("handler", Set.of(Role.COMPLAINT_HANDLER), Set.of());
        String engineer = backend.newUser("engineer", Set.of(Role.ENGINEER), Set.of());
        String manager = backend.newUser("cm", Set.of(Role.COMPLAINT_MANAGER), Set.of());
        String agent = backend.newUser("agent", Set.of(Role.AGENT), Set.of("complaint"));
        try (Connection c = backend.testDb.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT IGNORE INTO departments (code, name, created_at) VALUES ('CHOICE_QA', '质量部', UTC_TIMESTAMP(3))")) {
            st.executeUpdate();
        }
        long id = complaint(api.login(agent));

        Api.Reply r = api.get("/api/tickets/" + id + "/choices", api.login(manager));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(values(r.json().path("assignees"))).contains(handler).doesNotContain(engineer, agent, manager);
        assertThat(r.json().path("departments").toString()).contains("\"value\":\"CHOICE_QA\"", "\"label\":\"质量部\"");
    }

    @Test
    void theListFiltersOfferEveryBackOfficeUserAndEveryDepartmentBeforeAnyTicketIsOpen() throws Exception {
        String handler = backend.newUser("handler", Set.of(Role.COMPLAINT_HANDLER), Set.of());
        String engineer = backend.newUser("engineer", Set.of(Role.ENGINEER), Set.of());
        String head = backend.newUser("head", Set.of(Role.SUPERVISOR, Role.CENTRE_HEAD), Set.of());
        String agent = backend.newUser("agent", Set.of(Role.AGENT), Set.of("complaint"));
        try (Connection c = backend.testDb.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT IGNORE INTO departments (code, name, created_at) VALUES ('FILTER_QA', '质量部', UTC_TIMESTAMP(3))")) {
            st.executeUpdate();
        }

        Api.Reply r = api.get("/api/tickets/choices", api.login(agent));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(values(r.json().path("assignees"))).contains(handler, engineer, head).doesNotContain(agent);
        assertThat(r.json().path("departments").toString()).contains("\"value\":\"FILTER_QA\"", "\"label\":\"质量部\"");
    }

    @Test
    void aTicketTheCallerMayNotSeeHasNoChoicesEither() {
        String agent = backend.newUser("agent", Set.of(Role.AGENT), Set.of("complaint"));
        String other = backend.newUser("agent", Set.of(Role.AGENT), Set.of("complaint"));
        long id = complaint(api.login(agent));
        String otherToken = api.login(other);

        assertThat(api.get("/api/tickets/" + id, otherToken).status()).isIn(403, 404);
        assertThat(api.get("/api/tickets/" + id + "/choices", otherToken).status()).isEqualTo(404);
        assertThat(api.get("/api/tickets/999999999/choices", otherToken).status()).isEqualTo(404);
    }
}
