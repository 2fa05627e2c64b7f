package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.ticket.TicketQuery;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wrong or hostile input gets a clear 4xx JSON error and writes nothing. */
class BadInputTest {
    private static final String PASSWORD = "s3cret-pass";
    private static Fixture f;
    private static String agent;

    @BeforeAll
    static void start() {
        f = Fixture.start(t -> {
            t.users().create("agent1", "坐席一", PASSWORD.toCharArray(), Set.of(Role.AGENT), Set.of("repair"));
            t.users().create("boss", "主管", PASSWORD.toCharArray(), Set.of(Role.SUPERVISOR), Set.of());
        }, Map.of());
        agent = f.login("agent1", PASSWORD);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private int ticketCount() {
        return f.platform.ticketing().tickets().search(new TicketQuery(null, null, Set.of(), 1000)).size();
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401() {
        Fixture.Response wrong = f.post("/api/login", null, Map.of("username", "agent1", "password", "nope"));
        Fixture.Response unknown = f.post("/api/login", null, Map.of("username", "ghost", "password", "nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body().get("error").asText()).isNotBlank().isEqualTo(unknown.body().get("error").asText());
        assertThat(wrong.body().has("token")).isFalse();
    }

    @Test
    void loginWithoutPasswordNamesTheField() {
        Fixture.Response r = f.post("/api/login", null, Map.of("username", "agent1"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("field").asText()).isEqualTo("password");
    }

    @Test
    void ticketWithoutDescriptionIsRejectedAndNothingIsWritten() {
        int before = ticketCount();
        Map<String, Object> t = new HashMap<>();
        t.put("type", "COMPLAINT");
        t.put("category", "服务态度");
        t.put("serviceMode", "PHONE");
        Fixture.Response r = f.post("/api/tickets", agent, t);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("field").asText()).isEqualTo("description");
        assertThat(r.body().get("error").asText()).isNotBlank();
        assertThat(ticketCount()).isEqualTo(before);
    }

    @Test
    void ticketWithUnknownTypeOrCustomerIsRejected() {
        int before = ticketCount();
        Map<String, Object> t = new HashMap<>(Map.of("type", "MAGIC", "category", "x", "serviceMode", "PHONE",
                "description", "d"));
        Fixture.Response badType = f.post("/api/tickets", agent, t);
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body().get("field").asText()).isEqualTo("type");
        t.put("type", "CONSULTATION");
        t.put("customerId", 987654321);
        Fixture.Response badCustomer = f.post("/api/tickets", agent, t);
        assertThat(badCustomer.status()).isEqualTo(400);
        assertThat(badCustomer.body().get("field").asText()).isEqualTo("customerId");
        assertThat(ticketCount()).isEqualTo(before);
    }

    @Test
    void malformedJsonIsA400() {
        Fixture.Response r = f.post("/api/tickets", agent, "{\"type\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("error").asText()).isNotBlank();
    }

    @Test
    void unknownTicketIdIs404AndANonNumericIdIs400() {
        Fixture.Response unknown = f.get("/api/tickets/99999999", agent);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error").asText()).isNotBlank();
        Fixture.Response bad = f.get("/api/tickets/abc", agent);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("field").asText()).isEqualTo("id");
    }

    @Test
    void anAgentCannotUseSupervisorEndpoints() {
        Fixture.Response r = f.get("/api/stats/live", agent);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body().get("error").asText()).isNotBlank();
        String boss = f.login("boss", PASSWORD);
        assertThat(f.get("/api/stats/live", boss).status()).isEqualTo(200);
    }

    @Test
    void noTokenIs401() {
        assertThat(f.get("/api/stats/live", null).status()).isEqualTo(401);
        assertThat(f.post("/api/tickets", null, Map.of()).status()).isEqualTo(401);
        assertThat(f.get("/api/health", null).status()).isEqualTo(200);
    }

    @Test
    void illegalAgentStateChangeIsAConflict() {
        Fixture.Response r = f.post("/api/agent/wrapup/finish", agent, Map.of());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().get("error").asText()).isNotBlank();
        Fixture.Response bad = f.post("/api/agent/state", agent, Map.of("state", "SLEEPING"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("field").asText()).isEqualTo("state");
    }
}
