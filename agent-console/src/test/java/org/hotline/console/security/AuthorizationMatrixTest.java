package org.hotline.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.console.testing.Api.json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.hotline.console.ConsoleRoutes;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.Stack;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call which API route, written out here as a table of expected answers for every route of the router ×
 * {anonymous, agent, supervisor, administrator, a user with no role at all}, and checked over real HTTP against the
 * console. The table is deliberately not read from {@code AccessPolicy}: a rule changed by mistake, or a route added
 * without a row here ("no expectation for POST /api/x"), fails this test. "Allowed" means the guard let the request
 * through: any answer but 401 / 403 (each request carries a minimal valid body, so the route itself answers).
 * What one agent may do to another agent's calls and callbacks is in {@link CrossAgentAccessTest}.
 */
class AuthorizationMatrixTest {
    /** The callers of the matrix, in the order of the table's columns. */
    enum Who { ANONYMOUS, AGENT, SUPERVISOR, ADMIN, NO_ROLE }

    /** What the guard does with a request. */
    enum Expect {
        ALLOWED, E401, E403;

        boolean matches(int status) {
            return switch (this) {
                case ALLOWED -> status != 401 && status != 403;
                case E401 -> status == 401;
                case E403 -> status == 403;
            };
        }
    }

    private static final Expect OK = Expect.ALLOWED;
    private static final Expect E401 = Expect.E401;
    private static final Expect E403 = Expect.E403;

    private static final Map<String, List<Expect>> EXPECTED = new LinkedHashMap<>();

    static {
        //                                            anonymous agent supervisor admin no role
        row("GET /api/health",                         OK,   OK,   OK,   OK,   OK);
        row("POST /api/login",                         OK,   OK,   OK,   OK,   OK);
        row("GET /api/session",                        OK,   OK,   OK,   OK,   OK);
        row("POST /api/logout",                        E401, OK,   OK,   OK,   OK);
        row("GET /api/me",                             E401, OK,   OK,   OK,   OK);
        row("GET /api/ws",                             E401, OK,   OK,   OK,   OK);
        // the agent's own desk: agents only (a supervisor or an administrator has no desk)
        row("POST /api/agent/login",                   E401, OK,   E403, E403, E403);
        row("POST /api/agent/state",                   E401, OK,   E403, E403, E403);
        row("POST /api/agent/wrapup/finish",           E401, OK,   E403, E403, E403);
        row("POST /api/agent/answer",                  E401, OK,   E403, E403, E403);
        row("POST /api/agent/hangup",                  E401, OK,   E403, E403, E403);
        row("GET /api/agent/me",                       E401, OK,   E403, E403, E403);
        row("POST /api/agent/hold",                    E401, OK,   E403, E403, E403);
        row("POST /api/agent/transfer",                E401, OK,   E403, E403, E403);
        row("POST /api/agent/recording",               E401, OK,   E403, E403, E403);
        row("POST /api/agent/dial",                    E401, OK,   E403, E403, E403);
        // the wallboard and listening in: supervisors and administrators
        row("GET /api/stats/live",                     E401, E403, OK,   OK,   E403);
        row("GET /api/agents",                         E401, E403, OK,   OK,   E403);
        row("POST /api/supervisor/spy",                E401, E403, OK,   OK,   E403);
        // records: everyone who works the hotline (what an agent sees of them is the route's business)
        row("GET /api/calls",                          E401, OK,   OK,   OK,   E403);
        row("GET /api/calls/:callId",                  E401, OK,   OK,   OK,   E403);
        row("POST /api/tickets",                       E401, OK,   OK,   OK,   E403);
        row("GET /api/tickets",                        E401, OK,   OK,   OK,   E403);
        row("GET /api/tickets/:id",                    E401, OK,   OK,   OK,   E403);
        row("POST /api/tickets/:id/actions/:action",   E401, OK,   OK,   OK,   E403);
        row("GET /api/worklist",                       E401, OK,   OK,   OK,   E403);
        row("GET /api/tickets/:id/choices",            E401, OK,   OK,   OK,   E403);
        // customers: the back-office roles too (read, create, edit; not merge), see BackOfficeAccessTest
        row("GET /api/tickets/choices",                E401, OK,   OK,   OK,   E403);
        row("GET /api/customers",                      E401, OK,   OK,   OK,   E403);
        row("GET /api/customers/:id",                  E401, OK,   OK,   OK,   E403);
        row("POST /api/customers",                     E401, OK,   OK,   OK,   E403);
        row("PUT /api/customers/:id",                  E401, OK,   OK,   OK,   E403);
        row("POST /api/customers/:id/merge",           E401, E403, E403, OK,   E403);
        // queue callbacks: listed by staff, worked by agents, cancelled by supervisors
        row("GET /api/callbacks",                      E401, OK,   OK,   OK,   E403);
        row("POST /api/callbacks/:id/claim",           E401, OK,   E403, E403, E403);
        row("POST /api/callbacks/:id/finish",          E401, OK,   E403, E403, E403);
        row("POST /api/callbacks/:id/release",         E401, OK,   E403, E403, E403);
        row("POST /api/callbacks/:id/cancel",          E401, E403, OK,   OK,   E403);
        row("POST /api/admin/users/:username/unlock",  E401, E403, E403, OK,   E403);
        // the bell: anyone logged in, for their own notifications
        row("GET /api/notifications",                  E401, OK,   OK,   OK,   OK);
        row("POST /api/notifications/:id/read",        E401, OK,   OK,   OK,   OK);
        row("POST /api/notifications/read-all",        E401, OK,   OK,   OK,   OK);
        row("GET /api/admin/users",                    E401, E403, E403, OK,   E403);
        row("POST /api/admin/users",                   E401, E403, E403, OK,   E403);
        row("PUT /api/admin/users/:username",          E401, E403, E403, OK,   E403);
        row("POST /api/admin/users/:username/password", E401, E403, E403, OK,  E403);
        row("GET /api/admin/departments",              E401, E403, E403, OK,   E403);
        row("POST /api/admin/departments",             E401, E403, E403, OK,   E403);
        row("PUT /api/admin/departments/:code",        E401, E403, E403, OK,   E403);
        row("GET /api/admin/calendars",                E401, E403, E403, OK,   E403);
        row("PUT /api/admin/calendars/:code",          E401, E403, E403, OK,   E403);
        // the public complaint form: anybody, logged in or not (an empty body is its 400)
        row("POST /api/public/complaints",             OK,   OK,   OK,   OK,   OK);
    }

    /** A minimal valid body per route (none: an empty object), so that an allowed request reaches the route. */
    private static final Map<String, String> BODIES = Map.of(
            "POST /api/agent/state", json("state", "NOT_READY", "reason", "break"),
            "POST /api/agent/hold", json("onHold", true),
            "POST /api/agent/transfer", json("target", "8001", "mode", "BLIND"),
            "POST /api/agent/recording", json("action", "START"),
            "POST /api/agent/dial", json("destination", "13800000000"),
            "POST /api/supervisor/spy", json("agent", "nobody-here", "mode", "LISTEN"),
            "POST /api/tickets", json("type", "CONSULTATION", "category", "matrix", "serviceMode", "PHONE",
                    "description", "a ticket of the authorisation matrix"),
            "POST /api/callbacks/:id/finish", json("result", "REACHED"));

    private static Backend backend;
    private static Stack stack;
    private static Api api;
    private static final Map<Who, String> USERS = new EnumMap<>(Who.class);
    private static final Map<Who, String> TOKENS = new EnumMap<>(Who.class);

    @BeforeAll
    static void start() throws Exception {
        backend = new Backend();
        stack = new Stack(backend);
        api = stack.api;
        USERS.put(Who.ANONYMOUS, backend.newAgent()); // whose credentials the anonymous login uses
        USERS.put(Who.AGENT, backend.newAgent());
        USERS.put(Who.SUPERVISOR, backend.newSupervisor());
        USERS.put(Who.ADMIN, backend.newUser("admin", Set.of(Role.ADMIN), Set.of()));
        USERS.put(Who.NO_ROLE, withoutRoles(backend.newAgent()));
        for (Who who : Who.values()) {
            TOKENS.put(who, who == Who.ANONYMOUS ? null : api.login(USERS.get(who)));
        }
    }

    @AfterAll
    static void stop() {
        stack.close();
        backend.close();
    }

    /** Takes every role away from {@code username} in the database (as an administrator emptying a user would). */
    private static String withoutRoles(String username) throws Exception {
        try (Connection c = backend.testDb.connect(); PreparedStatement st = c.prepareStatement(
                "DELETE r FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.username = ?")) {
            st.setString(1, username);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        return username;
    }

    private static void row(String route, Expect... byWho) {
        if (byWho.length != Who.values().length || EXPECTED.put(route, List.of(byWho)) != null) {
            throw new IllegalStateException("bad matrix row " + route);
        }
    }

    @Test
    void theUserWithoutRolesIsLoggedInButHasNoRole() {
        Reply me = api.get("/api/me", TOKENS.get(Who.NO_ROLE));

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("user").path("roles").size()).isZero();
    }

    @Test
    void everyRouteOfTheRouterHasARowAndEveryRowARoute() {
        List<String> routes = ConsoleRoutes.apiRoutes(stack.server);
        List<String> problems = new ArrayList<>();
        for (String route : routes) {
            if (!EXPECTED.containsKey(route)) {
                problems.add("no expectation for " + route);
            }
        }
        for (String route : EXPECTED.keySet()) {
            if (!routes.contains(route)) {
                problems.add("an expectation for " + route + ", which the router does not have");
            }
        }

        assertThat(routes).hasSizeGreaterThanOrEqualTo(30);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRouteAnswersEveryCallerAsTheMatrixSays() {
        SoftAssertions softly = new SoftAssertions();
        for (String route : ConsoleRoutes.apiRoutes(stack.server)) {
            List<Expect> row = EXPECTED.get(route);
            if (row == null) {
                continue; // reported by everyRouteOfTheRouterHasARowAndEveryRowARoute
            }
            for (Who who : Who.values()) {
                Expect expected = row.get(who.ordinal());
                Reply r = call(route, who);
                softly.assertThat(expected.matches(r.status()))
                        .as("%s as %s: expected %s, got %d %s", route, who, expected, r.status(), r.body())
                        .isTrue();
                if (expected != Expect.ALLOWED) {
                    softly.assertThat(r.error()).as("%s as %s: the JSON error", route, who).isNotBlank();
                }
                softly.assertThat(r.status()).as("%s as %s: no server error (%s)", route, who, r.body())
                        .isLessThan(500);
            }
        }
        softly.assertAll();
    }

    @Test
    void aRefusedRequestWritesNothing() {
        RowCounts before = RowCounts.of(backend.testDb);

        Reply anonymous = api.post("/api/tickets", BODIES.get("POST /api/tickets"), null);
        Reply noRole = api.post("/api/tickets", BODIES.get("POST /api/tickets"), TOKENS.get(Who.NO_ROLE));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(noRole.status()).isEqualTo(403);
        assertThat(RowCounts.of(backend.testDb)).isEqualTo(before);
    }

    /** Sends the route's request as {@code who}; ids in the path are ones nobody has. */
    private static Reply call(String route, Who who) {
        String method = route.substring(0, route.indexOf(' '));
        String template = route.substring(route.indexOf(' ') + 1);
        String path = template.replace(":callId", "no-such-call").replaceAll(":[A-Za-z]+", "987654321");
        if (path.equals("/api/customers")) {
            path += "?q=matrix";
        }
        String token = TOKENS.get(who);
        if (route.equals("POST /api/login")) {
            String user = USERS.get(who);
            return api.post(path, json("username", user, "password", Backend.password(user)), null);
        }
        if (route.equals("POST /api/logout") && token != null) {
            token = api.login(USERS.get(who)); // a session of its own, so that the matrix keeps its tokens
        }
        if (method.equals("GET")) {
            return api.get(path, token);
        }
        return api.send(method, path, BODIES.getOrDefault(route, "{}"), token);
    }

    @Test
    void theLoggedOutSessionIsRefusedAfterwards() {
        String token = api.login(USERS.get(Who.AGENT));
        assertThat(api.post("/api/logout", "{}", token).status()).isEqualTo(200);

        assertThat(api.get("/api/me", token).status()).isEqualTo(401);
        assertThat(api.get("/api/agent/me", token).status()).isEqualTo(401);
        assertThat(api.get("/api/me", TOKENS.get(Who.AGENT)).status()).isEqualTo(200);
    }
}
