package org.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.console.testing.Api.json;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.util.List;
import java.util.Set;
import org.hotline.console.auth.Access;
import org.hotline.console.auth.AccessPolicy;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.Futures;
import org.hotline.console.testing.Stack;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.ticket.TicketQuery;
import org.junit.jupiter.api.Test;

/** The HTTP API against the real ACD, ticketing (MariaDB), live statistics and simulated switch. */
class ConsoleHttpTest extends StackTestBase {

    // ---- health, static UI, headers ----

    @Test
    void healthIsPublicAndCarriesSecurityHeaders() {
        Reply r = api.get("/api/health", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("UP");
        assertThat(r.json().path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(r.header("Content-Security-Policy")).singleElement().asString()
                .startsWith("default-src 'self'").doesNotContain("unsafe-inline");
        assertThat(r.header("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(r.header("Referrer-Policy")).containsExactly("no-referrer");
    }

    @Test
    void theFaviconIsOurSvgAndTheIcoAddressLeadsToIt() {
        Reply svg = api.get("/favicon.svg", null);
        Reply ico = api.get("/favicon.ico", null);

        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.header("Content-Type")).singleElement().asString().startsWith("image/svg+xml");
        assertThat(svg.body()).contains("<svg");
        assertThat(ico.status()).isEqualTo(301);
        assertThat(ico.header("Location")).containsExactly("/favicon.svg");
        for (String page : List.of("/", "/agent.html", "/supervisor.html")) {
            assertThat(api.get(page, null).body()).as(page).contains("<link rel=\"icon\" href=\"/favicon.svg\"");
        }
    }

    @Test
    void theLoginPageIsServedFromTheClasspathWithTheSameHeaders() {
        Reply r = api.get("/", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).singleElement().asString().startsWith("text/html");
        assertThat(r.body()).contains("id=\"login-username\"", "js/login.js");
        assertThat(r.header("Content-Security-Policy")).isNotEmpty();
        assertThat(api.get("/i18n/zh-CN.json", null).json().path("agent.ready").asText()).isEqualTo("就绪");
    }

    @Test
    void aSecondConsoleOnATakenPortFailsToStartAndTheFirstKeepsServing() {
        ConsoleServer second = new ConsoleServer(backend.vertx,
                new ConsoleConfig("127.0.0.1", stack.port, java.time.Duration.ofMinutes(5), false), stack.ports);

        assertThatThrownBy(() -> Futures.get(second.start())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in use");
        assertThat(api.get("/api/health", null).status()).isEqualTo(200);
        Futures.get(second.stop());
    }

    // ---- login and sessions ----

    @Test
    void loginReturnsTokenUserAndAStrictHttpOnlyCookie() {
        String agent = backend.newAgent();

        Reply r = api.post("/api/login", json("username", agent, "password", Backend.password(agent)), null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("token").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(r.json().path("user").path("username").asText()).isEqualTo(agent);
        assertThat(r.json().path("user").path("displayName").asText()).isEqualTo("显示名 " + agent);
        assertThat(r.json().path("user").path("roles").toString()).isEqualTo("[\"AGENT\"]");
        assertThat(r.json().path("user").path("skills").toString()).isEqualTo("[\"general\"]");
        assertThat(r.json().path("user").has("password")).isFalse();
        assertThat(r.header("Set-Cookie")).singleElement().asString()
                .startsWith("hotline_session=" + r.json().path("token").asText())
                .contains("HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain("Secure");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401() {
        String agent = backend.newAgent();

        Reply wrong = api.post("/api/login", json("username", agent, "password", "not-it"), null);
        Reply unknown = api.post("/api/login", json("username", "nobody-here", "password", "whatever"), null);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.error()).isEqualTo("invalid username or password");
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void missingLoginFieldsAre400NamingTheField() {
        Reply noUser = api.post("/api/login", json("password", "x"), null);
        Reply noPassword = api.post("/api/login", json("username", "someone"), null);
        Reply garbage = api.post("/api/login", "{not json", null);

        assertThat(noUser.status()).isEqualTo(400);
        assertThat(noUser.field()).isEqualTo("username");
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.field()).isEqualTo("password");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().has("field")).isTrue();
    }

    @Test
    void theTokenWorksAsBearerAndAsCookie() {
        String agent = backend.newAgent();
        String token = api.login(agent);

        Reply bearer = api.get("/api/me", token);
        Reply cookie = api.send(api.request("/api/me", null).header("Cookie", "hotline_session=" + token)
                .GET().build());

        assertThat(bearer.status()).isEqualTo(200);
        assertThat(bearer.json().path("user").path("username").asText()).isEqualTo(agent);
        assertThat(cookie.status()).isEqualTo(200);
        assertThat(cookie.json().path("user").path("username").asText()).isEqualTo(agent);
    }

    @Test
    void withoutALoginEveryProtectedRouteIs401() {
        for (AccessPolicy.Rule rule : AccessPolicy.rules()) {
            if (rule.access() == Access.PUBLIC) {
                continue;
            }
            Reply r = call(rule, null);
            assertThat(r.status()).as(rule.toString()).isEqualTo(401);
            assertThat(r.error()).as(rule.toString()).isEqualTo("not logged in");
            assertThat(r.json().has("field")).isTrue();
        }
        assertThat(api.get("/api/me", "A".repeat(43)).status()).isEqualTo(401);
    }

    @Test
    void anAgentIsRefusedEverySupervisorRoute() {
        String token = api.login(backend.newAgent());
        List<AccessPolicy.Rule> supervisorRules = AccessPolicy.rules().stream()
                .filter(r -> r.access() == Access.SUPERVISOR).toList();

        assertThat(supervisorRules).extracting(AccessPolicy.Rule::path).contains("/api/stats/live");
        for (AccessPolicy.Rule rule : supervisorRules) {
            assertThat(call(rule, token).status()).as(rule.toString()).isEqualTo(403);
        }
    }

    @Test
    void aSupervisorIsRefusedEveryAgentRouteButSeesTheWallboard() {
        String token = api.login(backend.newSupervisor());
        List<AccessPolicy.Rule> agentRules = AccessPolicy.rules().stream()
                .filter(r -> r.access() == Access.AGENT).toList();

        assertThat(agentRules).isNotEmpty();
        for (AccessPolicy.Rule rule : agentRules) {
            assertThat(call(rule, token).status()).as(rule.toString()).isEqualTo(403);
        }
        Reply stats = api.get("/api/stats/live", token);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().path("queues").get(0).path("name").asText()).isEqualTo(Stack.QUEUE);
    }

    @Test
    void everyApiRouteOfTheRouterHasAnAccessRule() {
        List<Route> apiRoutes = stack.server.router().getRoutes().stream()
                .filter(r -> r.getPath() != null && r.getPath().startsWith("/api/") && !r.getPath().equals("/api/"))
                .toList();

        assertThat(apiRoutes).hasSizeGreaterThanOrEqualTo(AccessPolicy.rules().size());
        for (Route route : apiRoutes) {
            assertThat(route.methods()).as(route.getPath()).isNotEmpty();
            for (HttpMethod method : route.methods()) {
                assertThat(AccessPolicy.exact(method, route.getPath())).as(method + " " + route.getPath())
                        .isPresent();
            }
        }
        assertThat(api.get("/api/not-a-route", null).status()).isEqualTo(404);
    }

    @Test
    void logoutEndsTheSessionAndTheAgentsAcdLogin() {
        String agent = backend.newAgent();
        String token = api.login(agent);
        assertThat(api.post("/api/agent/login", "{}", token).status()).isEqualTo(200);
        assertThat(stack.stateOf(agent)).isEqualTo(AgentState.NOT_READY);

        Reply out = api.post("/api/logout", "{}", token);

        assertThat(out.status()).isEqualTo(200);
        assertThat(out.header("Set-Cookie")).singleElement().asString().contains("Max-Age=0");
        assertThat(api.get("/api/me", token).status()).isEqualTo(401);
        assertThat(stack.stateOf(agent)).isEqualTo(AgentState.LOGGED_OUT);
    }

    // ---- agent state ----

    @Test
    void anAgentGoesReadyAndAnIllegalTransitionIs409() {
        String agent = backend.newAgent();
        stack.plugInPhone(agent);
        String token = api.login(agent);

        Reply ready = api.post("/api/agent/state", json("state", "READY"), token);

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("state").asText()).isEqualTo("READY");
        assertThat(ready.json().path("device").asText()).isEqualTo("console/" + agent);
        assertThat(stack.stateOf(agent)).isEqualTo(AgentState.READY);

        Reply finish = api.post("/api/agent/wrapup/finish", "{}", token);
        assertThat(finish.status()).isEqualTo(409);
        assertThat(finish.error()).contains(agent);
        assertThat(stack.stateOf(agent)).isEqualTo(AgentState.READY);
    }

    @Test
    void notReadyNeedsAReasonAndOnlyReadyOrNotReadyCanBeAskedFor() {
        String agent = backend.newAgent();
        String token = api.login(agent);

        Reply noReason = api.post("/api/agent/state", json("state", "NOT_READY"), token);
        Reply onCall = api.post("/api/agent/state", json("state", "ON_CALL"), token);
        Reply bogus = api.post("/api/agent/state", json("state", "SLEEPING"), token);
        Reply ok = api.post("/api/agent/state", json("state", "not_ready", "reason", "break"), token);

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.field()).isEqualTo("reason");
        assertThat(onCall.status()).isEqualTo(400);
        assertThat(onCall.field()).isEqualTo("state");
        assertThat(bogus.field()).isEqualTo("state");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(api.get("/api/agent/me", token).json().path("reason").asText()).isEqualTo("break");
    }

    @Test
    void anAgentWhosePhoneIsOfflineCannotGoReady() {
        String token = api.login(backend.newAgent());

        Reply r = api.post("/api/agent/state", json("state", "READY"), token);

        assertThat(r.status()).isEqualTo(409);
    }

    @Test
    void answeringOrHangingUpWithoutACallIs409() {
        String token = api.login(backend.newAgent());

        assertThat(api.post("/api/agent/answer", "{}", token).status()).isEqualTo(409);
        assertThat(api.post("/api/agent/hangup", "{}", token).status()).isEqualTo(409);
    }

    // ---- tickets ----

    @Test
    void anAgentCreatesATicketAndReadsItBackWithItsHistory() {
        String agent = backend.newAgent();
        String token = api.login(agent);
        Customer customer = backend.newCustomer("李四", CustomerClass.ORDINARY);
        long productId = backend.ticketing.customers().products(customer.id()).get(0).id();

        Reply created = api.post("/api/tickets", json("type", "repair", "category", "无法开机", "priority", "high",
                "customerId", customer.id(), "productId", productId, "serviceMode", "carry_in",
                "description", "<b>手机</b>无法开机"), token);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("number").asText()).isNotBlank();
        assertThat(created.json().path("status").asText()).isEqualTo("NEW");
        assertThat(created.json().path("type").asText()).isEqualTo("REPAIR");
        assertThat(created.json().path("createdBy").asText()).isEqualTo(agent);
        assertThat(created.json().path("description").asText()).isEqualTo("<b>手机</b>无法开机");

        long id = created.json().path("id").asLong();
        Reply read = api.get("/api/tickets/" + id, token);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("number").asText()).isEqualTo(created.json().path("number").asText());
        assertThat(read.json().path("history").size()).isPositive();
        assertThat(read.json().path("history").get(0).path("actor").asText()).isEqualTo(agent);

        Reply mine = api.get("/api/tickets?mine=true", token);
        assertThat(mine.json().path("tickets").findValuesAsText("number"))
                .containsExactly(created.json().path("number").asText());
    }

    @Test
    void aTicketWithoutDescriptionIs400AndNothingIsWritten() {
        String agent = backend.newAgent();
        String token = api.login(agent);

        Reply r = api.post("/api/tickets", json("type", "CONSULTATION", "category", "billing",
                "serviceMode", "PHONE"), token);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.field()).isEqualTo("description");
        assertThat(backend.ticketing.tickets().search(new TicketQuery(null, agent, Set.of(), 10))).isEmpty();
    }

    @Test
    void badTicketInputNamesTheFieldAndWritesNothing() {
        String agent = backend.newAgent();
        String token = api.login(agent);
        String ok = "\"category\":\"c\",\"serviceMode\":\"PHONE\",\"description\":\"d\"";

        Reply unknownType = api.post("/api/tickets", "{\"type\":\"refund\"," + ok + "}", token);
        Reply unknownCustomer = api.post("/api/tickets",
                "{\"type\":\"CONSULTATION\",\"customerId\":987654321," + ok + "}", token);

        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.field()).isEqualTo("type");
        assertThat(unknownCustomer.status()).isEqualTo(400);
        assertThat(unknownCustomer.field()).isEqualTo("customerId");
        assertThat(backend.ticketing.tickets().search(new TicketQuery(null, agent, Set.of(), 10))).isEmpty();
    }

    @Test
    void unknownTicketIs404AndANonNumericIdIs400() {
        String token = api.login(backend.newAgent());

        Reply unknown = api.get("/api/tickets/987654321", token);
        Reply text = api.get("/api/tickets/abc", token);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isNotBlank();
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.field()).isEqualTo("id");
    }

    // ---- calls and customers ----

    @Test
    void theCallListLimitIsValidated() {
        String token = api.login(backend.newSupervisor());

        assertThat(api.get("/api/calls", token).status()).isEqualTo(200);
        assertThat(api.get("/api/calls?limit=500", token).json().has("calls")).isTrue();
        for (String bad : List.of("0", "501", "ten", "-1")) {
            Reply r = api.get("/api/calls?limit=" + bad, token);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.field()).as(bad).isEqualTo("limit");
        }
        assertThat(api.get("/api/calls/no-such-call", token).status()).isEqualTo(404);
    }

    @Test
    void theCustomerCardShowsProductsWithWarrantyStatus() {
        String token = api.login(backend.newAgent());
        Customer customer = backend.newCustomer("王五", CustomerClass.VIP);

        Reply card = api.get("/api/customers/" + customer.id(), token);
        Reply byPhone = api.get("/api/customers?phone=" + customer.phones().get(0), token);

        assertThat(card.status()).isEqualTo(200);
        assertThat(card.json().path("name").asText()).isEqualTo("王五");
        assertThat(card.json().path("customerClass").asText()).isEqualTo("VIP");
        assertThat(card.json().path("products").findValuesAsText("serial"))
                .containsExactlyInAnyOrder("SN-IN-" + customer.id(), "SN-OUT-" + customer.id());
        for (var p : card.json().path("products")) {
            assertThat(p.path("underWarranty").asBoolean()).isEqualTo(p.path("serial").asText().startsWith("SN-IN"));
        }
        assertThat(card.json().path("openTickets").isArray()).isTrue();
        assertThat(card.json().path("recentCalls").isArray()).isTrue();
        assertThat(byPhone.json().path("customers").findValuesAsText("name")).containsExactly("王五");
        assertThat(api.get("/api/customers/987654321", token).status()).isEqualTo(404);
        assertThat(api.get("/api/customers", token).status()).isEqualTo(400);
    }

    // ---- limits ----

    @Test
    void anOversizedBodyIs413Json() {
        String token = api.login(backend.newAgent());
        String huge = json("type", "REPAIR", "category", "c", "serviceMode", "PHONE",
                "description", "x".repeat(70 * 1024));

        Reply r = api.post("/api/tickets", huge, token);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.error()).isNotBlank();
    }

    private Reply call(AccessPolicy.Rule rule, String token) {
        String path = rule.path().replaceAll(":[A-Za-z]+", "1");
        if (path.equals("/api/ws")) {
            return api.send(api.request(path, token).GET().build());
        }
        return rule.method() == HttpMethod.GET ? api.get(path, token)
                : api.send(rule.method().name(), path, "{}", token);
    }
}
