package org.hotline.console.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.console.testing.Api.json;

import java.util.List;
import java.util.Set;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.Stack;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API over real HTTP on the real database: users (create, edit roles and skills, disable, reset the
 * password) and departments (create, edit staff), each change audited, bad input a 400 naming the field.
 */
class AdminApiTest {
    private static Backend backend;
    private static Stack stack;
    private static Api api;
    private static String admin;
    private static String token;

    @BeforeAll
    static void start() {
        backend = new Backend();
        stack = new Stack(backend);
        api = stack.api;
        admin = backend.newUser("admin", Set.of(Role.ADMIN), Set.of());
        token = api.login(admin);
    }

    @AfterAll
    static void stop() {
        stack.close();
        backend.close();
    }

    @Test
    void theAdminCreatesAUserWithTwoRolesWhoThenLogsIn() {
        Reply created = api.post("/api/admin/users", "{\"username\":\"zhou.ming\",\"displayName\":\"周明\","
                + "\"password\":\"s3cret-pw\",\"roles\":[\"ENGINEER\",\"coordinator\"],\"skills\":[\"repair\"]}", token);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("roles").toString()).isEqualTo("[\"COORDINATOR\",\"ENGINEER\"]");
        assertThat(created.json().path("disabled").asBoolean()).isFalse();
        assertThat(created.body()).doesNotContain("s3cret-pw").doesNotContain("pbkdf2");
        Reply login = api.post("/api/login", json("username", "zhou.ming", "password", "s3cret-pw"), null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("user").path("roles").toString()).contains("ENGINEER", "COORDINATOR");

        AuditEntry line = lastAudit("user.create");
        assertThat(line.target()).isEqualTo("user:zhou.ming");
        assertThat(line.detail()).contains("COORDINATOR,ENGINEER").doesNotContain("s3cret-pw");
    }

    @Test
    void theUserListShowsRolesSkillsStateAndEveryRoleThereIs() {
        Reply list = api.get("/api/admin/users", token);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("users").findValuesAsText("username")).contains(admin);
        assertThat(list.json().path("roles").toString()).contains("COMPLAINT_MANAGER", "CENTRE_HEAD", "AGENT");
        assertThat(list.body()).doesNotContain("password");
    }

    @Test
    void changingAUsersRolesEndsTheirSessionsAndIsAudited() {
        String agent = backend.newAgent();
        String agentToken = api.login(agent);

        Reply edited = api.send("PUT", "/api/admin/users/" + agent,
                "{\"roles\":[\"COMPLAINT_HANDLER\"],\"skills\":[\"complaint\"]}", token);

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("roles").toString()).isEqualTo("[\"COMPLAINT_HANDLER\"]");
        assertThat(api.get("/api/me", agentToken).status()).isEqualTo(401);
        String fresh = api.login(agent);
        assertThat(api.get("/api/me", fresh).json().path("user").path("roles").toString())
                .isEqualTo("[\"COMPLAINT_HANDLER\"]");
        assertThat(lastAudit("user.update").detail()).contains("roles AGENT → COMPLAINT_HANDLER");
    }

    @Test
    void aDisabledUserIsLoggedOutAndCannotLogInUntilEnabled() {
        String agent = backend.newAgent();
        String agentToken = api.login(agent);

        Reply disabled = api.send("PUT", "/api/admin/users/" + agent, json("disabled", true), token);

        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("disabled").asBoolean()).isTrue();
        assertThat(api.get("/api/me", agentToken).status()).isEqualTo(401);
        Reply refused = api.post("/api/login", json("username", agent, "password", Backend.password(agent)), null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(lastAudit("login").detail()).isEqualTo("account disabled");

        api.send("PUT", "/api/admin/users/" + agent, json("disabled", false), token);

        assertThat(api.post("/api/login", json("username", agent, "password", Backend.password(agent)), null)
                .status()).isEqualTo(200);
    }

    @Test
    void theAdminCannotTakeTheirOwnAdminRoleAwayNorDisableThemselves() {
        Reply roles = api.send("PUT", "/api/admin/users/" + admin, "{\"roles\":[\"SUPERVISOR\"]}", token);
        Reply disable = api.send("PUT", "/api/admin/users/" + admin, json("disabled", true), token);

        assertThat(roles.status()).isEqualTo(400);
        assertThat(roles.field()).isEqualTo("roles");
        assertThat(disable.status()).isEqualTo(400);
        assertThat(disable.field()).isEqualTo("disabled");
        assertThat(api.get("/api/me", token).status()).isEqualTo(200);
    }

    @Test
    void anAdminAddingARoleToThemselvesKeepsTheirSessionWithTheNewRole() {
        String other = backend.newUser("admin", Set.of(Role.ADMIN), Set.of());
        String otherToken = api.login(other);

        Reply edited = api.send("PUT", "/api/admin/users/" + other, "{\"roles\":[\"ADMIN\",\"CENTRE_HEAD\"]}",
                otherToken);

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        Reply me = api.get("/api/me", otherToken);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("user").path("roles").toString()).contains("CENTRE_HEAD");
    }

    @Test
    void aResetPasswordWorksAtOnceAndIsAuditedWithoutIt() {
        String agent = backend.newAgent();

        Reply reset = api.post("/api/admin/users/" + agent + "/password", json("password", "brand-new-1"), token);

        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(api.post("/api/login", json("username", agent, "password", "brand-new-1"), null).status())
                .isEqualTo(200);
        assertThat(api.post("/api/login", json("username", agent, "password", Backend.password(agent)), null)
                .status()).isEqualTo(401);
        AuditEntry line = lastAudit("user.password-reset");
        assertThat(line.target()).isEqualTo("user:" + agent);
        assertThat(String.valueOf(line.detail())).doesNotContain("brand-new-1");
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        assertField(api.post("/api/admin/users", "{\"username\":\"Bad Name\",\"displayName\":\"x\","
                + "\"password\":\"pw-pw-pw\",\"roles\":[\"AGENT\"]}", token), "username");
        assertField(api.post("/api/admin/users", "{\"username\":\"ok_name\",\"displayName\":\"x\","
                + "\"password\":\"pw-pw-pw\",\"roles\":[\"WIZARD\"]}", token), "roles");
        assertField(api.post("/api/admin/users", "{\"username\":\"ok_name\",\"displayName\":\"x\","
                + "\"password\":\"pw-pw-pw\",\"roles\":[]}", token), "roles");
        assertField(api.post("/api/admin/users", "{\"username\":\"ok_name\",\"displayName\":\"x\","
                + "\"password\":\"pw\",\"roles\":[\"AGENT\"]}", token), "password");
        assertField(api.send("PUT", "/api/admin/users/" + admin, "{\"skills\":\"repair\"}", token), "skills");
        assertField(api.send("PUT", "/api/admin/users/" + admin, "{\"disabled\":\"yes\"}", token), "disabled");
        assertField(api.post("/api/admin/departments", json("code", "lower case", "name", "部"), token), "code");
        assertField(api.post("/api/admin/departments", "{\"code\":\"OK_CODE\",\"name\":\"部\",\"members\":[\"nobody\"]}",
                token), "members");
        assertThat(api.get("/api/admin/users", token).json().path("users").findValuesAsText("username"))
                .doesNotContain("ok_name");
        assertThat(api.get("/api/admin/departments", token).json().path("departments").findValuesAsText("code"))
                .doesNotContain("OK_CODE");
        assertThat(api.send("PUT", "/api/admin/users/nobody-here", json("displayName", "某人"), token).status())
                .isEqualTo(404);
        assertThat(api.send("PUT", "/api/admin/departments/NOPE", json("name", "某部"), token).status())
                .isEqualTo(404);
    }

    @Test
    void theAdminCreatesADepartmentWithAManagerAndEditsItsStaff() {
        String engineer = backend.newUser("eng", Set.of(Role.ENGINEER), Set.of());
        String manager = backend.newUser("mgr", Set.of(Role.DEPARTMENT_MANAGER), Set.of());

        Reply created = api.post("/api/admin/departments", "{\"code\":\"TECH\",\"name\":\"技术支持部\",\"managers\":[\""
                + manager + "\"],\"members\":[\"" + engineer + "\"]}", token);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("managers").toString()).isEqualTo("[\"" + manager + "\"]");
        assertThat(created.json().path("members").toString()).contains(engineer, manager);
        assertThat(lastAudit("department.create").detail()).contains("managers - → " + manager);

        Reply edited = api.send("PUT", "/api/admin/departments/TECH",
                "{\"name\":\"技术部\",\"calendarCode\":\"CN-2027\",\"members\":[],\"managers\":[\"" + engineer + "\"]}",
                token);

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("name").asText()).isEqualTo("技术部");
        assertThat(edited.json().path("calendarCode").asText()).isEqualTo("CN-2027");
        assertThat(edited.json().path("members").toString()).isEqualTo("[\"" + engineer + "\"]");
        assertThat(backend.ticketing.organisation().managedBy(engineer)).hasSize(1);
        assertThat(lastAudit("department.update").detail()).contains("name 技术支持部 → 技术部", "calendarCode - → CN-2027");

        Reply listed = api.get("/api/admin/departments", token);
        assertThat(listed.json().path("departments").findValuesAsText("code")).contains("TECH");
    }

    private static void assertField(Reply r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.field()).as(r.body()).isEqualTo(field);
    }

    private static AuditEntry lastAudit(String action) {
        List<AuditEntry> lines = backend.ticketing.audit().recent(action, null, 1);
        assertThat(lines).as("audit lines of " + action).isNotEmpty();
        return lines.get(0);
    }
}
