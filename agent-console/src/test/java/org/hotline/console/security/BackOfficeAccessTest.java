package org.hotline.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.console.testing.Api.json;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The back-office roles (engineer to centre head) at the edge: each may use the ticket routes (list, detail,
 * actions, worklist) and the customers (read, create, edit; not merge) and nothing of the agent desk, the
 * supervisor's live view or the administration; what they see
 * of each ticket is the desk's rule (an engineer does not see a complaint that is not theirs: 403).
 */
class BackOfficeAccessTest extends StackTestBase {
    private static final Set<Role> BACK_OFFICE = Set.of(Role.ENGINEER, Role.COORDINATOR, Role.COMPLAINT_HANDLER,
            Role.COMPLAINT_MANAGER, Role.DEPARTMENT_MANAGER, Role.CENTRE_HEAD);
    private static final Map<Role, String> USERS = new EnumMap<>(Role.class);

    @BeforeAll
    static void users() {
        for (Role r : BACK_OFFICE) {
            USERS.put(r, backend.newUser(r.name().toLowerCase().replace("_", ""), Set.of(r), Set.of()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ENGINEER", "COORDINATOR", "COMPLAINT_HANDLER", "COMPLAINT_MANAGER",
            "DEPARTMENT_MANAGER", "CENTRE_HEAD"})
    void aBackOfficeRoleUsesTheTicketRoutesAndNothingElse(Role role) {
        String token = api.login(USERS.get(role));

        assertThat(api.get("/api/worklist", token).status()).isEqualTo(200);
        assertThat(api.get("/api/tickets", token).status()).isEqualTo(200);
        assertThat(api.get("/api/tickets/987654321", token).status()).isEqualTo(404);
        assertThat(api.post("/api/tickets/987654321/actions/comment", json("version", 0, "text", "x"), token)
                .status()).isEqualTo(404);
        for (String forbidden : List.of("/api/agent/me", "/api/stats/live", "/api/agents")) {
            Reply r = api.get(forbidden, token);
            assertThat(r.status()).as("%s as %s", forbidden, role).isEqualTo(403);
        }
        assertThat(api.post("/api/admin/users/nobody/unlock", "{}", token).status()).isEqualTo(403);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ENGINEER", "COORDINATOR", "COMPLAINT_HANDLER", "COMPLAINT_MANAGER",
            "DEPARTMENT_MANAGER", "CENTRE_HEAD"})
    void aBackOfficeRoleServesCustomersButDoesNotMergeThem(Role role) {
        String token = api.login(USERS.get(role));
        String phone = "1350000" + String.format("%04d", role.ordinal());

        Reply created = api.post("/api/customers", json("name", "客户" + role.ordinal(), "phones", List.of(phone)),
                token);
        assertThat(created.status()).as("%s: %s", role, created.body()).isEqualTo(201);
        long id = created.json().path("customer").path("id").asLong();
        assertThat(api.get("/api/customers/" + id, token).status()).isEqualTo(200);
        assertThat(api.get("/api/customers?phone=" + phone, token).status()).isEqualTo(200);
        assertThat(api.send("PUT", "/api/customers/" + id, json("name", "客户" + role.ordinal() + "号"), token)
                .status()).isEqualTo(200);
        assertThat(api.post("/api/customers/" + id + "/merge", json("into", id), token).status()).isEqualTo(403);
    }

    @Test
    void anEngineerMayNotReadOrWorkAComplaintThatIsNotTheirsButTheComplaintManagerMay() {
        String agent = api.login(backend.newAgent());
        long id = api.post("/api/tickets", json("type", "COMPLAINT", "category", "c", "serviceMode", "PHONE",
                "description", "投诉内容", "complaintClass", "SERVICE_QUALITY", "contactPhone", "13900002222"), agent)
                .json().path("id").asLong();
        String engineer = api.login(USERS.get(Role.ENGINEER));
        String manager = api.login(USERS.get(Role.COMPLAINT_MANAGER));
        String head = api.login(USERS.get(Role.CENTRE_HEAD));

        assertThat(api.get("/api/tickets/" + id, engineer).status()).isEqualTo(403);
        assertThat(api.post("/api/tickets/" + id + "/actions/comment", json("version", 0, "text", "x"), engineer)
                .status()).isEqualTo(404);
        Reply managers = api.get("/api/tickets/" + id, manager);
        assertThat(managers.status()).isEqualTo(200);
        assertThat(managers.json().path("allowedActions").toString()).contains("\"assign\"");
        Reply heads = api.get("/api/tickets/" + id, head);
        assertThat(heads.status()).isEqualTo(200);
        assertThat(heads.json().path("allowedActions").toString()).doesNotContain("\"assign\"");
        assertThat(api.post("/api/tickets/" + id + "/actions/assign", json("version", 0, "assignee", "x"), head)
                .status()).isEqualTo(403);
    }
}
