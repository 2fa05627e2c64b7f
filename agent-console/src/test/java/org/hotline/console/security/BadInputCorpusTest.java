package org.hotline.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.Stack;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile and malformed requests, one row each (method, target, headers, body, expected status): every answer is the
 * JSON error body ({@code {"error": ..., "field": ...}}, {@code ErrorBody}) with that status, and no table gains or
 * loses a row. The rows: cross-site requests (foreign {@code Origin}, {@code text/plain} and form bodies, sent with
 * the session cookie as a browser would), malformed percent escapes, lone surrogates and NUL in text, non-ASCII
 * digits in numbers, duplicate JSON keys, the size limits (413, 414, 431), and the bad input the console already
 * refuses (missing, unknown, too long, wrong type). Rows marked {@code [hygiene]} describe what the "hygiene" work
 * package adds to the console: they fail until that work is merged.
 */
class BadInputCorpusTest {
    private static final String EVIL = "http://evil.example";

    /** How a row authenticates. */
    enum Who { ANONYMOUS, AGENT, AGENT_COOKIE, SUPERVISOR }

    /** One request of the corpus and the status it must get. */
    record Row(String name, Who who, String method, String target, Map<String, String> headers, String body,
               int status, String field, boolean rawSocket, boolean needsHygiene) {
        Row header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Row(this.name, who, method, target, Map.copyOf(h), body, status, field, rawSocket, needsHygiene);
        }

        /** The error must name this field. */
        Row field(String name) {
            return new Row(this.name, who, method, target, headers, body, status, name, rawSocket, needsHygiene);
        }

        /** Sent byte for byte ({@link RawHttp}): the JDK client would refuse or rewrite it. */
        Row raw() {
            return new Row(name, who, method, target, headers, body, status, field, true, needsHygiene);
        }

        /** Refused only once the "hygiene" work package is merged. */
        Row hygiene() {
            return new Row(name, who, method, target, headers, body, status, field, rawSocket, true);
        }

        String displayName() {
            return (needsHygiene ? "[hygiene] " : "") + name + ": " + method + " " + clip(target) + " as " + who
                    + " -> " + status;
        }
    }

    private static Backend backend;
    private static Stack stack;
    private static Api api;
    private static Map<Who, String> tokens;
    private static String agent;
    private static Customer customer;
    private static long ticketId;

    @BeforeAll
    static void start() {
        backend = new Backend();
        stack = new Stack(backend);
        api = stack.api;
        agent = backend.newAgent();
        customer = backend.newCustomer("坏输入客户", CustomerClass.ORDINARY);
        String agentToken = api.login(agent);
        tokens = Map.of(Who.AGENT, agentToken, Who.AGENT_COOKIE, api.login(agent),
                Who.SUPERVISOR, api.login(backend.newSupervisor()));
        Reply ticket = api.post("/api/tickets", ticket("description", "an existing ticket"), agentToken);
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
        ticketId = ticket.json().path("id").asLong();
    }

    @AfterAll
    static void stop() {
        stack.close();
        backend.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRowGetsItsJsonErrorAndWritesNothing() {
        return corpus().stream().map(row -> DynamicTest.dynamicTest(row.displayName(), () -> check(row)));
    }

    private static void check(Row row) {
        RowCounts before = RowCounts.of(backend.testDb);

        Answer answer = row.rawSocket() ? raw(row) : send(row);

        assertThat(answer.status()).as("%s: %s", row.displayName(), answer.body()).isEqualTo(row.status());
        assertThat(answer.contentType()).as("%s: Content-Type", row.displayName()).startsWith("application/json");
        assertThat(answer.error()).as("%s: the error of %s", row.displayName(), answer.body()).isNotBlank();
        if (row.field() != null) {
            assertThat(answer.field()).as("%s: the field of %s", row.displayName(), answer.body())
                    .isEqualTo(row.field());
        }
        assertThat(RowCounts.of(backend.testDb)).as("%s: rows after the request", row.displayName())
                .isEqualTo(before);
    }

    /** What the checks need of an answer, from either client. */
    private record Answer(int status, String contentType, String error, String field, String body) {
    }

    private static Answer send(Row row) {
        String token = row.who() == Who.ANONYMOUS ? null : tokens.get(row.who());
        if (row.target().startsWith("/api/logout") && token != null) {
            token = api.login(agent); // its own session: a logout that got through must not end the others
        }
        boolean cookie = row.who() == Who.AGENT_COOKIE;
        HttpRequest.Builder b = api.request(row.target(), cookie ? null : token);
        if (cookie) {
            b.setHeader("Cookie", "hotline_session=" + token);
        }
        if (row.body() != null) {
            b.setHeader("Content-Type", "application/json");
        }
        row.headers().forEach(b::setHeader);
        b.method(row.method(), row.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(row.body()));
        Reply r = api.send(b.build());
        return new Answer(r.status(), r.headers().firstValue("Content-Type").orElse(""), r.error(), r.field(),
                r.body());
    }

    private static Answer raw(Row row) {
        StringBuilder headers = new StringBuilder();
        if (row.who() != Who.ANONYMOUS) {
            headers.append("Authorization: Bearer ").append(tokens.get(row.who())).append("\r\n");
        }
        row.headers().forEach((k, v) -> headers.append(k).append(": ").append(v).append("\r\n"));
        RawHttp.Answer a = RawHttp.get(api.port(), row.target(), headers.toString());
        String contentType = a.head().lines().filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
                .map(l -> l.substring(13).strip()).findFirst().orElse("");
        String field = a.json() == null || a.json().path("field").isNull() ? null : a.json().path("field").asText();
        return new Answer(a.status(), contentType, a.error(), field, a.body());
    }

    // ---- the corpus ----

    private static List<Row> corpus() {
        List<Row> rows = new ArrayList<>();
        crossSite(rows);
        malformedUrls(rows);
        strictText(rows);
        sizes(rows);
        existing(rows);
        customerForms(rows);
        return rows;
    }

    /** Requests a page on another site could make the browser send with the session cookie. */
    private static void crossSite(List<Row> rows) {
        String ticket = ticket("description", "from evil.example");
        rows.add(row("a ticket from a foreign Origin", Who.AGENT_COOKIE, "POST", "/api/tickets", ticket, 403)
                .header("Origin", EVIL).hygiene());
        rows.add(row("a ticket from an opaque Origin", Who.AGENT_COOKIE, "POST", "/api/tickets", ticket, 403)
                .header("Origin", "null").hygiene());
        rows.add(row("a ticket as text/plain (a simple cross-site request)", Who.AGENT_COOKIE, "POST",
                "/api/tickets", ticket, 403).header("Content-Type", "text/plain").hygiene());
        rows.add(row("a ticket as a form body", Who.AGENT_COOKIE, "POST", "/api/tickets",
                "type=CONSULTATION&category=c&serviceMode=PHONE&description=d", 403)
                .header("Content-Type", "application/x-www-form-urlencoded").hygiene());
        rows.add(row("a state change from a foreign Origin", Who.AGENT_COOKIE, "POST", "/api/agent/state",
                Api.json("state", "NOT_READY", "reason", "break"), 403).header("Origin", EVIL).hygiene());
        rows.add(row("a logout from a foreign Origin", Who.AGENT_COOKIE, "POST", "/api/logout", "{}", 403)
                .header("Origin", EVIL).hygiene());
        rows.add(row("a login from a foreign Origin", Who.ANONYMOUS, "POST", "/api/login",
                Api.json("username", agent, "password", Backend.password(agent)), 403)
                .header("Origin", EVIL).hygiene());
        // the public complaint form needs no login, so only the origin check keeps other sites' forms out
        rows.add(row("a public complaint from a foreign Origin", Who.ANONYMOUS, "POST", "/api/public/complaints",
                complaint("description", "from evil.example"), 403).header("Origin", EVIL));
        rows.add(row("a public complaint as a form body", Who.ANONYMOUS, "POST", "/api/public/complaints",
                "name=a&phone=13900001111&description=d", 403)
                .header("Content-Type", "application/x-www-form-urlencoded"));
    }

    /** A public complaint with {@code field} set to {@code value}. */
    private static String complaint(String field, String value) {
        java.util.Map<String, Object> c = new java.util.LinkedHashMap<>(java.util.Map.of("name", "王女士",
                "phone", "13900001111", "description", "手机无法开机"));
        c.put(field, value);
        return Api.json(c.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray());
    }

    private static void malformedUrls(List<Row> rows) {
        rows.add(row("a malformed escape in a page path", Who.ANONYMOUS, "GET", "/%ZZ", null, 400).raw().hygiene());
        rows.add(row("a malformed escape in an API path", Who.AGENT, "GET", "/api/customers/%ZZ", null, 400)
                .raw().hygiene());
        rows.add(row("a malformed escape in a query", Who.AGENT, "GET", "/api/customers?q=%ZZ", null, 400)
                .raw().hygiene());
        rows.add(row("a truncated UTF-8 escape in a query", Who.AGENT, "GET", "/api/customers?q=%E4%B8", null, 400)
                .raw().hygiene());
    }

    private static void strictText(List<Row> rows) {
        rows.add(row("a lone surrogate in a ticket description", Who.AGENT, "POST", "/api/tickets",
                ticketWithRaw("description", "\"broken \\ud800 text\""), 400).field("description").hygiene());
        rows.add(row("a lone low surrogate in a ticket category", Who.AGENT, "POST", "/api/tickets",
                ticketWithRaw("category", "\"\\udc00\""), 400).field("category").hygiene());
        rows.add(row("a lone surrogate in a public complaint", Who.ANONYMOUS, "POST", "/api/public/complaints",
                "{\"name\":\"a\",\"phone\":\"13900001111\",\"description\":\"broken \\ud800 text\"}", 400)
                .field("description"));
        rows.add(row("NUL in a ticket category", Who.AGENT, "POST", "/api/tickets",
                ticketWithRaw("category", "\"cat\\u0000egory\""), 400).field("category").hygiene());
        rows.add(row("NUL in a NOT_READY reason", Who.AGENT, "POST", "/api/agent/state",
                "{\"state\":\"NOT_READY\",\"reason\":\"bre\\u0000ak\"}", 400).field("reason").hygiene());
        rows.add(row("NUL in a login name", Who.ANONYMOUS, "POST", "/api/login",
                "{\"username\":\"" + agent + "\\u0000\",\"password\":\"x\"}", 400).field("username").hygiene());
        rows.add(row("Arabic-Indic digits as a customer id", Who.AGENT, "POST", "/api/tickets",
                ticketWithRaw("customerId", "\"" + arabicIndic(customer.id()) + "\""), 400).field("customerId")
                .hygiene());
        rows.add(row("Arabic-Indic digits as a ticket id", Who.AGENT, "GET",
                "/api/tickets/" + encode(arabicIndic(ticketId)), null, 400).field("id").hygiene());
        rows.add(row("full-width digits as a limit", Who.SUPERVISOR, "GET",
                "/api/calls?limit=" + encode("\uFF15"), null, 400).field("limit").hygiene());
        rows.add(row("Devanagari digits as a customer id in a query", Who.AGENT, "GET",
                "/api/tickets?customerId=" + encode("\u0967"), null, 400).field("customerId").hygiene());
        rows.add(row("a duplicate JSON key", Who.AGENT, "POST", "/api/tickets",
                ticketWithRaw("description", "\"first\",\"description\":\"second\""), 400).hygiene());
        rows.add(row("a duplicate JSON key in a state change", Who.AGENT, "POST", "/api/agent/state",
                "{\"state\":\"NOT_READY\",\"reason\":\"break\",\"state\":\"READY\"}", 400).hygiene());
    }

    private static void sizes(List<Row> rows) {
        rows.add(row("a body over 64 KiB", Who.AGENT, "POST", "/api/tickets",
                ticket("description", "x".repeat(70 * 1024)), 413));
        rows.add(row("a request line over the limit", Who.AGENT, "GET", "/api/customers?q=" + "q".repeat(9000),
                null, 414).raw().hygiene());
        rows.add(row("headers over the limit", Who.ANONYMOUS, "GET", "/api/health", null, 431)
                .header("X-Padding", "p".repeat(16 * 1024)).raw().hygiene());
    }

    /** What the console refuses already (the checks of BadInputTest and ConsoleHttpTest, gathered here). */
    private static void existing(List<Row> rows) {
        rows.add(row("login without a username", Who.ANONYMOUS, "POST", "/api/login", Api.json("password", "x"), 400)
                .field("username"));
        rows.add(row("login without a password", Who.ANONYMOUS, "POST", "/api/login", Api.json("username", agent),
                400).field("password"));
        rows.add(row("login with malformed JSON", Who.ANONYMOUS, "POST", "/api/login", "{not json", 400));
        rows.add(row("login with a JSON array", Who.ANONYMOUS, "POST", "/api/login", "[\"x\"]", 400));
        rows.add(row("login with a name of 65 characters", Who.ANONYMOUS, "POST", "/api/login",
                Api.json("username", "u".repeat(65), "password", "x"), 400).field("username"));
        rows.add(row("login with a wrong password", Who.ANONYMOUS, "POST", "/api/login",
                Api.json("username", agent, "password", "not-it"), 401));
        rows.add(row("a ticket without a token", Who.ANONYMOUS, "POST", "/api/tickets", ticket("description", "d"),
                401));
        rows.add(row("a ticket without a description", Who.AGENT, "POST", "/api/tickets",
                "{\"type\":\"COMPLAINT\",\"category\":\"c\",\"serviceMode\":\"PHONE\"}", 400).field("description"));
        rows.add(row("a ticket of an unknown type", Who.AGENT, "POST", "/api/tickets",
                ticketWithRaw("type", "\"refund\""), 400).field("type"));
        rows.add(row("a ticket of an unknown priority", Who.AGENT, "POST", "/api/tickets",
                ticketWithRaw("priority", "\"whenever\""), 400).field("priority"));
        rows.add(row("a ticket for an unknown customer", Who.AGENT, "POST", "/api/tickets",
                ticketWithRaw("customerId", "987654321"), 400).field("customerId"));
        rows.add(row("a ticket with a fractional customer id", Who.AGENT, "POST", "/api/tickets",
                ticketWithRaw("customerId", "1.5"), 400).field("customerId"));
        rows.add(row("a ticket with a description of 4001 characters", Who.AGENT, "POST", "/api/tickets",
                ticket("description", "d".repeat(4001)), 400).field("description"));
        rows.add(row("a ticket category that is a number", Who.AGENT, "POST", "/api/tickets",
                ticketWithRaw("category", "42"), 400).field("category"));
        rows.add(row("a truncated JSON body", Who.AGENT, "POST", "/api/tickets", "{\"type\": ", 400));
        rows.add(row("a ticket id that is a word", Who.AGENT, "GET", "/api/tickets/abc", null, 400).field("id"));
        rows.add(row("a ticket id of 0", Who.AGENT, "GET", "/api/tickets/0", null, 400).field("id"));
        rows.add(row("an unknown ticket", Who.AGENT, "GET", "/api/tickets/987654321", null, 404));
        rows.add(row("an unknown ticket status", Who.AGENT, "GET", "/api/tickets?status=LOST", null, 400)
                .field("status"));
        rows.add(row("mine=maybe", Who.AGENT, "GET", "/api/tickets?mine=maybe", null, 400).field("mine"));
        for (String limit : List.of("0", "501", "ten", "-1")) {
            rows.add(row("a call list limit of " + limit, Who.SUPERVISOR, "GET", "/api/calls?limit=" + limit, null,
                    400).field("limit"));
        }
        rows.add(row("an unknown call", Who.SUPERVISOR, "GET", "/api/calls/no-such-call", null, 404));
        rows.add(row("a customer search without q or phone", Who.AGENT, "GET", "/api/customers", null, 400));
        rows.add(row("a customer search of 101 characters", Who.AGENT, "GET", "/api/customers?q=" + "q".repeat(101),
                null, 400).field("q"));
        rows.add(row("a customer id that is a word", Who.AGENT, "GET", "/api/customers/abc", null, 400).field("id"));
        rows.add(row("an unknown customer", Who.AGENT, "GET", "/api/customers/987654321", null, 404));
        rows.add(row("an unknown agent state", Who.AGENT, "POST", "/api/agent/state", Api.json("state", "SLEEPING"),
                400).field("state"));
        rows.add(row("ON_CALL asked for", Who.AGENT, "POST", "/api/agent/state", Api.json("state", "ON_CALL"), 400)
                .field("state"));
        rows.add(row("NOT_READY without a reason", Who.AGENT, "POST", "/api/agent/state",
                Api.json("state", "NOT_READY"), 400).field("reason"));
        rows.add(row("a reason of 65 characters", Who.AGENT, "POST", "/api/agent/state",
                Api.json("state", "NOT_READY", "reason", "r".repeat(65)), 400).field("reason"));
        rows.add(row("onHold as a string", Who.AGENT, "POST", "/api/agent/hold", Api.json("onHold", "yes"), 400)
                .field("onHold"));
        rows.add(row("a transfer target with markup", Who.AGENT, "POST", "/api/agent/transfer",
                Api.json("target", "<b>x</b>", "mode", "BLIND"), 400).field("target"));
        rows.add(row("a transfer target with a space", Who.AGENT, "POST", "/api/agent/transfer",
                Api.json("target", "12 34", "mode", "BLIND"), 400).field("target"));
        rows.add(row("an unknown transfer mode", Who.AGENT, "POST", "/api/agent/transfer",
                Api.json("target", "8001", "mode", "sideways"), 400).field("mode"));
        rows.add(row("a dial destination with a shell command", Who.AGENT, "POST", "/api/agent/dial",
                Api.json("destination", "1; rm -rf /"), 400).field("destination"));
        rows.add(row("an unknown recording action", Who.AGENT, "POST", "/api/agent/recording",
                Api.json("action", "pause"), 400).field("action"));
        rows.add(row("a callback id that is a word", Who.AGENT, "POST", "/api/callbacks/abc/claim", "{}", 400)
                .field("id"));
        rows.add(row("an unknown callback result", Who.AGENT, "POST", "/api/callbacks/1/finish",
                Api.json("result", "MAYBE"), 400).field("result"));
        rows.add(row("a callback note of 501 characters", Who.AGENT, "POST", "/api/callbacks/1/release",
                Api.json("note", "n".repeat(501)), 400).field("note"));
        rows.add(row("an unknown callback", Who.AGENT, "POST", "/api/callbacks/987654321/claim", "{}", 404));
        rows.add(row("an unknown callback status", Who.SUPERVISOR, "GET", "/api/callbacks?status=LOST", null, 400)
                .field("status"));
        rows.add(row("a spy without an agent", Who.SUPERVISOR, "POST", "/api/supervisor/spy",
                Api.json("mode", "LISTEN"), 400).field("agent"));
        rows.add(row("an unknown spy mode", Who.SUPERVISOR, "POST", "/api/supervisor/spy",
                Api.json("agent", agent, "mode", "STARE"), 400).field("mode"));
        rows.add(row("an agent on a supervisor route", Who.AGENT, "GET", "/api/stats/live", null, 403));
        rows.add(row("a made-up token", Who.ANONYMOUS, "GET", "/api/me", null, 401)
                .header("Authorization", "Bearer " + "A".repeat(43)));
        rows.add(row("an unknown API route", Who.ANONYMOUS, "GET", "/api/not-a-route", null, 404));
        rows.add(row("a method the route does not have", Who.AGENT, "DELETE", "/api/tickets/1", "{}", 405));
        rows.add(row("the WebSocket route without an upgrade", Who.AGENT, "GET", "/api/ws", null, 400));
    }

    /** The customer create and edit forms (the agent's screen-pop). */
    private static void customerForms(List<Row> rows) {
        rows.add(row("a customer without a name", Who.AGENT, "POST", "/api/customers",
                "{\"phones\":[\"13900000001\"]}", 400).field("name"));
        rows.add(row("customer phones as a string", Who.AGENT, "POST", "/api/customers",
                "{\"name\":\"甲\",\"phones\":\"13900000001\"}", 400).field("phones"));
        rows.add(row("a customer phone with letters", Who.AGENT, "POST", "/api/customers",
                "{\"name\":\"甲\",\"phones\":[\"call me\"]}", 400).field("phones"));
        rows.add(row("an unknown customer class", Who.AGENT, "POST", "/api/customers",
                "{\"name\":\"甲\",\"class\":\"GOLD\"}", 400).field("class"));
        rows.add(row("a customer product without a serial", Who.AGENT, "POST", "/api/customers",
                "{\"name\":\"甲\",\"products\":[{\"model\":\"Mate 60\"}]}", 400).field("products[0].serial"));
        rows.add(row("a customer product bought on no date", Who.AGENT, "POST", "/api/customers",
                "{\"name\":\"甲\",\"products\":[{\"model\":\"M\",\"serial\":\"S1\",\"purchaseDate\":\"soon\"}]}",
                400).field("products[0].purchaseDate"));
        rows.add(row("confirmDuplicate as a string", Who.AGENT, "POST", "/api/customers",
                "{\"name\":\"甲\",\"confirmDuplicate\":\"yes\"}", 400).field("confirmDuplicate"));
        rows.add(row("an edit of an unknown customer", Who.AGENT, "PUT", "/api/customers/987654321",
                "{\"name\":\"甲\"}", 404));
        rows.add(row("an edit that blanks the name", Who.AGENT, "PUT", "/api/customers/" + customer.id(),
                "{\"name\":\" \",\"phones\":[]}", 400).field("name"));
        rows.add(row("an agent merging customers", Who.AGENT, "POST", "/api/customers/" + customer.id() + "/merge",
                "{\"into\":1}", 403));
    }

    private static Row row(String name, Who who, String method, String target, String body, int status) {
        return new Row(name, who, method, target, Map.of(), body, status, null, false, false);
    }

    /** A valid new ticket with {@code field} set to the JSON string {@code value}. */
    private static String ticket(String field, String value) {
        Map<String, Object> t = new LinkedHashMap<>(Map.of("type", "CONSULTATION", "category", "bad-input",
                "serviceMode", "PHONE", "description", "a ticket of the bad-input corpus"));
        t.put(field, value);
        List<Object> pairs = new ArrayList<>();
        t.forEach((k, v) -> {
            pairs.add(k);
            pairs.add(v);
        });
        return Api.json(pairs.toArray());
    }

    /** A valid new ticket with {@code field} set to the raw JSON text {@code json} (escapes left as written). */
    private static String ticketWithRaw(String field, String json) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("type", "\"CONSULTATION\"");
        t.put("category", "\"bad-input\"");
        t.put("serviceMode", "\"PHONE\"");
        t.put("description", "\"a ticket of the bad-input corpus\"");
        t.put(field, json);
        StringBuilder sb = new StringBuilder("{");
        t.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return sb.append('}').toString();
    }

    /** {@code n} written with the Arabic-Indic digits ٠–٩ (which {@code Long.parseLong} accepts). */
    private static String arabicIndic(long n) {
        StringBuilder sb = new StringBuilder();
        for (char c : Long.toString(n).toCharArray()) {
            sb.append((char) ('\u0660' + (c - '0')));
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
