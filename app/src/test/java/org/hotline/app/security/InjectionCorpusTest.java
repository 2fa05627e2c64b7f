package org.hotline.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.app.security.InjectionCorpus.PAYLOADS;
import static org.hotline.console.testing.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.app.e2e.Fixture;
import org.hotline.app.e2e.HeadlessChromium;
import org.hotline.console.security.RowCounts;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Api.Reply;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.NewCallback;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The {@link InjectionCorpus} through every text parameter of the API and the IVR, on the whole node (MariaDB,
 * simulated switch, IVR, console): no answer is a server error, a payload is stored verbatim where it is stored (read
 * back through the API), no table gains, loses or changes rows beyond what the request itself writes; then the pages
 * that show these values (agent workspace: my tickets, callbacks, screen-pop of a customer and of a caller number;
 * wallboard: agents' reasons, calls, callbacks) are rendered in a real headless Chromium, where every payload must
 * read as text and none may run ({@code window.__xss} stays undefined) or add an element. One node and one browser
 * for the class.
 */
class InjectionCorpusTest {
    private static final String PASSWORD = "s3cret-pass";
    private static final Set<String> QUEUES = Set.of("consultation", "repair", "complaint", "operator");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** What a new ticket writes besides its row: its history and its SLA clocks with their ladder alarms. */
    private static final String[] TICKET_TABLES = {"ticket_events", "ticket_clocks", "clock_alarms",
        "ticket_clock_subjects"};
    /** The payload whose customer is popped, and the one that calls as a caller number. */
    private static final int POP = 7;
    private static final int ANI = 8;

    private static final List<Customer> CUSTOMERS = new ArrayList<>();
    private static final List<String> REASON_TOKENS = new ArrayList<>();
    private static Fixture f;
    private static HeadlessChromium chromium;
    private static Api api;
    private static String agent;
    private static String boss;

    /**
     * The queues, and a login throttle per address loose enough for the corpus: every payload is also tried as a
     * user name from this one address, and the browser logs in from it afterwards (throttling has tests of its own).
     */
    private static Map<String, Object> corpusSettings() {
        Map<String, Object> o = new java.util.HashMap<>(Fixture.queues("60s", "10m"));
        o.put("hotline.auth.throttle.address.free-failures", 1000);
        return o;
    }

    @BeforeAll
    static void start() throws Exception {
        assertThat(PAYLOADS).hasSizeLessThanOrEqualTo(20) // the wallboard lists 20 calls, a pop 20 open tickets
                .allSatisfy(p -> assertThat(p.length()).as(p).isLessThanOrEqualTo(64).isEqualTo(p.strip().length()));
        f = Fixture.start(t -> {
            t.users().create("agent1", "坐席一", PASSWORD.toCharArray(), Set.of(Role.AGENT), QUEUES);
            t.users().create("boss", "主管", PASSWORD.toCharArray(), Set.of(Role.SUPERVISOR), Set.of());
            for (int i = 0; i < PAYLOADS.size(); i++) {
                t.users().create("reason" + i, "示忙 " + i, PASSWORD.toCharArray(), Set.of(Role.AGENT),
                        Set.of("operator"));
                CUSTOMERS.add(t.customers().create(PAYLOADS.get(i), CustomerClass.ORDINARY,
                        List.of(String.format("1391234%04d", i + 1))));
            }
        }, corpusSettings());
        api = new Api(f.platform.httpPort());
        agent = login("agent1");
        boss = login("boss");
        for (int i = 0; i < PAYLOADS.size(); i++) {
            // before any test's failed logins, in case login throttling counts them per address
            REASON_TOKENS.add(login("reason" + i));
        }
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (f != null) {
            f.close();
        }
    }

    // ---- the API ----

    @Test
    void everyTextParameterTakesEveryPayloadAsData() {
        RowCounts start = RowCounts.of(f.db);
        for (String p : PAYLOADS) {
            RowCounts before = RowCounts.of(f.db);
            Reply login = api.post("/api/login", json("username", p, "password", p), null);
            assertThat(login.status()).as("login as %s: %s", p, login.body()).isIn(400, 401);
            assertThat(login.error()).isNotBlank();
            assertThat(RowCounts.of(f.db)).as("login as %s", p).isEqualTo(before);

            Reply created = api.post("/api/tickets", json("type", "CONSULTATION", "category", p,
                    "serviceMode", "PHONE", "description", p), agent);
            assertThat(created.status()).as("ticket %s: %s", p, created.body()).isEqualTo(201);
            Reply read = api.get("/api/tickets/" + created.json().path("id").asLong(), agent);
            assertThat(read.json().path("category").asText()).isEqualTo(p);
            assertThat(read.json().path("description").asText()).isEqualTo(p);
            RowCounts afterTicket = RowCounts.of(f.db);
            // a ticket's history and its SLA clocks (with their ladder alarms) are written with it
            assertThat(afterTicket.without(TICKET_TABLES)).as("ticket %s", p)
                    .isEqualTo(before.plus("tickets", 1).without(TICKET_TABLES));

            Reply found = api.get("/api/customers?limit=100&q=" + encode(p), agent);
            assertThat(found.status()).as("search %s: %s", p, found.body()).isEqualTo(200);
            assertThat(found.json().path("customers").findValuesAsText("name")).as("search %s", p).contains(p)
                    .hasSizeLessThan(CUSTOMERS.size());

            Reply reason = api.post("/api/agent/state", json("state", "NOT_READY", "reason", p), agent);
            assertThat(reason.status()).as("reason %s: %s", p, reason.body()).isEqualTo(200);
            assertThat(api.get("/api/agent/me", agent).json().path("reason").asText()).isEqualTo(p);
            assertThat(agentRow(api.get("/api/agents", boss).json(), "agent1").path("reason").asText()).isEqualTo(p);

            Reply transfer = api.post("/api/agent/transfer", json("target", p, "mode", "BLIND"), agent);
            Reply dial = api.post("/api/agent/dial", json("destination", p), agent);
            assertThat(transfer.status()).as("transfer to %s", p).isEqualTo(400);
            assertThat(transfer.field()).isEqualTo("target");
            assertThat(dial.status()).as("dial %s", p).isEqualTo(400);
            assertThat(dial.field()).isEqualTo("destination");
            assertThat(f.platform.acd().agent("agent1").orElseThrow().state()).isEqualTo(AgentState.NOT_READY);

            // parameters that are only looked up
            assertThat(api.post("/api/supervisor/spy", json("agent", p, "mode", "LISTEN"), boss).status())
                    .as("spy on %s", p).isIn(400, 404);
            Reply queue = api.get("/api/callbacks?queue=" + encode(p), boss);
            assertThat(queue.status()).as("callbacks of queue %s", p).isIn(200, 400);
            if (queue.status() == 200) {
                assertThat(queue.json().path("callbacks").size()).isZero();
            }
            assertThat(api.get("/api/tickets?status=" + encode(p), agent).status()).as("status %s", p).isEqualTo(400);
            assertThat(api.get("/api/calls/" + encode(p), boss).status()).as("call %s", p).isIn(400, 404);
            assertThat(api.get("/api/customers/" + encode(p), agent).status()).as("customer %s", p).isIn(400, 404);
            assertThat(RowCounts.of(f.db)).as("after the look-ups of %s", p).isEqualTo(afterTicket);
        }
        RowCounts end = RowCounts.of(f.db);
        assertThat(end.byTable().keySet()).as("no table went missing").isEqualTo(start.byTable().keySet());
        assertThat(end.of("tickets")).isEqualTo(start.of("tickets") + PAYLOADS.size());
        assertThat(end.without(TICKET_TABLES).without("tickets")).isEqualTo(start.without(TICKET_TABLES)
                .without("tickets"));
    }

    @Test
    void aCallbackNoteTakesEveryPayloadVerbatim() {
        CallbackRequest cb = f.platform.ticketing().callbacks().request(
                new NewCallback(null, "repair", "13800009999", null, "备注客户"));
        assertThat(api.post("/api/agent/state", json("state", "NOT_READY", "reason", "break"), agent).status())
                .isEqualTo(200);
        for (String p : PAYLOADS) {
            RowCounts before = RowCounts.of(f.db);
            Reply claim = api.post("/api/callbacks/" + cb.id() + "/claim", "{}", agent);
            assertThat(claim.status()).as("claim before %s: %s", p, claim.body()).isEqualTo(200);

            Reply release = api.post("/api/callbacks/" + cb.id() + "/release", json("note", p), agent);

            assertThat(release.status()).as("note %s: %s", p, release.body()).isEqualTo(200);
            assertThat(release.json().path("note").asText()).isEqualTo(p);
            JsonNode listed = null;
            for (JsonNode c : api.get("/api/callbacks", agent).json().path("callbacks")) {
                listed = c.path("id").asLong() == cb.id() ? c : listed;
            }
            assertThat(listed).as("callback listed after note %s", p).isNotNull();
            assertThat(listed.path("note").asText()).isEqualTo(p);
            assertThat(f.platform.ticketing().callbacks().find(cb.id()).orElseThrow().note()).isEqualTo(p);
            hangUp(claim.json().path("callId").asText());
            // the claim's outbound call may leave a call record; nothing else gains or loses a row
            assertThat(RowCounts.of(f.db).without("call_records")).as("note %s", p)
                    .isEqualTo(before.without("call_records"));
        }
    }

    // ---- the pages ----

    @Test
    void theAgentWorkspaceShowsEveryPayloadAsTextAndRunsNone() {
        Customer popped = CUSTOMERS.get(POP);
        for (String p : PAYLOADS) {
            Reply t = api.post("/api/tickets", json("type", "REPAIR", "category", p, "serviceMode", "CARRY_IN",
                    "description", p, "customerId", popped.id(), "productModel", "Mate 60", "productSerial", "SN-1"),
                    agent);
            assertThat(t.status()).as(t.body()).isEqualTo(201);
        }
        List<CallbackRequest> callbacks = callbacksNamedWithThePayloads("repair", "1380001");

        logIn("agent1", "agent");

        until("my tickets list the newest ticket", () -> text("#my-tickets").contains(PAYLOADS.getLast()));
        for (String p : PAYLOADS.subList(PAYLOADS.size() - 10, PAYLOADS.size())) {
            assertThat(text("#my-tickets")).as("my tickets").contains(p);
        }
        assertEveryCallbackShowsItsName(callbacks);
        assertNothingRan();

        assertThat(api.post("/api/agent/state", json("state", "READY"), agent).status()).isEqualTo(200);
        String known = f.platform.simulatedSwitch().placeCall(new SimulatedCaller(popped.phones().getFirst(), "4000",
                List.of("2"), Duration.ofMinutes(5), Duration.ZERO, Map.of()));
        until("the pop shows the customer named " + popped.name(), () -> known.equals(attribute("#pop", "data-call-id"))
                && popped.name().equals(text("#pop-customer-name")));
        until("the pop lists every ticket category", () -> PAYLOADS.stream().allMatch(text("#pop-tickets")::contains));
        assertNothingRan();
        hangUp(known);

        await().atMost(WAIT).until(() -> agentState() != AgentState.RESERVED);
        if (agentState() != AgentState.READY) {
            assertThat(api.post("/api/agent/state", json("state", "READY"), agent).status()).isEqualTo(200);
        }
        String ani = PAYLOADS.get(ANI);
        String unknown = f.platform.simulatedSwitch().placeCall(new SimulatedCaller(ani, "4000", List.of("2"),
                Duration.ofMinutes(5), Duration.ZERO, Map.of()));
        until("the pop shows the caller number " + ani, () -> unknown.equals(attribute("#pop", "data-call-id"))
                && text("#pop-body").contains(ani));
        assertNothingRan();
        hangUp(unknown);
        await().atMost(WAIT).until(() -> agentState() != AgentState.RESERVED);
        assertThat(api.post("/api/agent/state", json("state", "NOT_READY", "reason", "break"), agent).status())
                .isEqualTo(200);
    }

    @Test
    void theWallboardShowsEveryPayloadAsTextAndRunsNone() {
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            Reply r = api.post("/api/agent/state", json("state", "NOT_READY", "reason", PAYLOADS.get(i)),
                    REASON_TOKENS.get(i));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            // a caller whose number is the payload, hanging up in the IVR's menu
            calls.add(f.platform.simulatedSwitch().placeCall(new SimulatedCaller(PAYLOADS.get(i), "4000",
                    List.of(SimulatedCaller.HANGUP), null, null, Map.of())));
        }
        for (int i = 0; i < calls.size(); i++) {
            String callId = calls.get(i);
            await().atMost(WAIT).until(() -> f.platform.ticketing().calls().find(callId)
                    .map(c -> c.outcome() != null).orElse(false));
            assertThat(f.platform.ticketing().calls().find(callId).orElseThrow().ani()).isEqualTo(PAYLOADS.get(i));
        }
        List<CallbackRequest> callbacks = callbacksNamedWithThePayloads("complaint", "1380002");

        logIn("boss", "supervisor");

        for (int i = 0; i < PAYLOADS.size(); i++) {
            String row = "#agent-rows tr[data-agent='reason" + i + "'] td:nth-child(3)";
            String p = PAYLOADS.get(i);
            until("the wallboard shows the reason " + p, () -> p.equals(text(row)));
        }
        until("the wallboard lists every caller number",
                () -> PAYLOADS.stream().allMatch(text("#call-rows")::contains));
        assertEveryCallbackShowsItsName(callbacks);
        assertNothingRan();
    }

    // ---- helpers ----

    private static String login(String user) {
        Reply r = api.post("/api/login", json("username", user, "password", PASSWORD), null);
        assertThat(r.status()).as("login of %s: %s", user, r.body()).isEqualTo(200);
        return r.json().path("token").asText();
    }

    private static JsonNode agentRow(JsonNode agents, String username) {
        for (JsonNode a : agents.path("agents")) {
            if (username.equals(a.path("username").asText())) {
                return a;
            }
        }
        throw new AssertionError(username + " missing from " + agents);
    }

    private static AgentState agentState() {
        return f.platform.acd().agent("agent1").orElseThrow().state();
    }

    private static void hangUp(String callId) {
        f.platform.simulatedSwitch().hangup(callId);
        await().atMost(WAIT).until(() -> f.platform.simulatedSwitch().calls().stream()
                .noneMatch(c -> c.callId().equals(callId)));
    }

    /** One PENDING callback per payload, the payload as the customer's name (as the IVR books them). */
    private static List<CallbackRequest> callbacksNamedWithThePayloads(String queue, String phonePrefix) {
        List<CallbackRequest> made = new ArrayList<>();
        for (int i = 0; i < PAYLOADS.size(); i++) {
            made.add(f.platform.ticketing().callbacks().request(new NewCallback(null, queue,
                    phonePrefix + String.format("%04d", i), null, PAYLOADS.get(i))));
        }
        return made;
    }

    private static void assertEveryCallbackShowsItsName(List<CallbackRequest> callbacks) {
        for (CallbackRequest cb : callbacks) {
            String cell = "#callback-rows tr[data-callback-id='" + cb.id() + "'] .cb-customer";
            until("callback " + cb.id() + " shows the name " + cb.customerName(),
                    () -> cb.customerName().equals(text(cell)));
        }
    }

    /** Logs {@code user} in on the login page (after dropping any earlier session) and waits for its page. */
    private static void logIn(String user, String page) {
        chromium.browser.manage().deleteAllCookies();
        chromium.browser.get(f.base + "/");
        chromium.visible("#login-username").sendKeys(user);
        chromium.visible("#login-password").sendKeys(PASSWORD);
        chromium.visible("#login-submit").click();
        chromium.wait.until(ExpectedConditions.urlContains(page));
    }

    /** No payload ran (none set {@code window.__xss}) and none became an element. */
    private static void assertNothingRan() {
        assertThat(js("return typeof window.__xss")).isEqualTo("undefined");
        // the notification bell's own icon is the page's one svg
        assertThat(js("return document.body.querySelectorAll('script, img, svg:not(.bell-icon), iframe, object, "
                + "embed').length"))
                .isEqualTo(0L);
    }

    /** The DOM text of the first element {@code css} matches ("" when there is none). */
    private static String text(String css) {
        Object t = js("const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", css);
        return t == null ? "" : t.toString();
    }

    private static String attribute(String css, String name) {
        Object a = js("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null",
                css, name);
        return a == null ? null : a.toString();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) chromium.browser).executeScript(script, args);
    }

    private static void until(String what, java.util.concurrent.Callable<Boolean> condition) {
        await(what).atMost(WAIT).ignoreExceptions().until(condition);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
