package org.hotline.console.auth;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Optional;

/**
 * The one place that says who may call which API route. Every {@code /api} route must have a rule here; a request
 * to an {@code /api} path without a rule is refused (default deny). Path templates use {@code :name} segments as in
 * Vert.x Web.
 */
public final class AccessPolicy {
    /** One rule: {@code method path} needs {@code access}. */
    public record Rule(HttpMethod method, String path, Access access) {
        boolean matches(String[] segments) {
            String[] template = split(path);
            if (template.length != segments.length) {
                return false;
            }
            for (int i = 0; i < template.length; i++) {
                if (!template[i].startsWith(":") && !template[i].equals(segments[i])) {
                    return false;
                }
            }
            return true;
        }

        int literalSegments() {
            int n = 0;
            for (String s : split(path)) {
                n += s.startsWith(":") ? 0 : 1;
            }
            return n;
        }
    }

    private static final List<Rule> RULES = List.of(
            rule(HttpMethod.GET, "/api/health", Access.PUBLIC),
            rule(HttpMethod.POST, "/api/login", Access.PUBLIC),
            // the login page asks who is logged in without a 401 in the browser's console when nobody is
            rule(HttpMethod.GET, "/api/session", Access.PUBLIC),
            rule(HttpMethod.POST, "/api/logout", Access.AUTHENTICATED),
            rule(HttpMethod.GET, "/api/me", Access.AUTHENTICATED),
            rule(HttpMethod.GET, "/api/ws", Access.AUTHENTICATED),

            rule(HttpMethod.POST, "/api/agent/login", Access.AGENT),
            rule(HttpMethod.POST, "/api/agent/state", Access.AGENT),
            rule(HttpMethod.POST, "/api/agent/wrapup/finish", Access.AGENT),
            rule(HttpMethod.POST, "/api/agent/answer", Access.AGENT),
            rule(HttpMethod.POST, "/api/agent/hangup", Access.AGENT),
            rule(HttpMethod.GET, "/api/agent/me", Access.AGENT),
            rule(HttpMethod.POST, "/api/agent/hold", Access.AGENT),
            rule(HttpMethod.POST, "/api/agent/transfer", Access.AGENT),
            rule(HttpMethod.POST, "/api/agent/recording", Access.AGENT),
            rule(HttpMethod.POST, "/api/agent/dial", Access.AGENT),

            rule(HttpMethod.GET, "/api/stats/live", Access.SUPERVISOR),
            rule(HttpMethod.GET, "/api/agents", Access.SUPERVISOR),
            rule(HttpMethod.POST, "/api/supervisor/spy", Access.SUPERVISOR),

            rule(HttpMethod.GET, "/api/calls", Access.STAFF),
            rule(HttpMethod.GET, "/api/calls/:callId", Access.STAFF),
            rule(HttpMethod.POST, "/api/tickets", Access.BACK_OFFICE),
            rule(HttpMethod.GET, "/api/tickets", Access.BACK_OFFICE),
            rule(HttpMethod.GET, "/api/tickets/:id", Access.BACK_OFFICE),
            // the ticket workflow: which ticket and which action is the desk's answer per record and role
            rule(HttpMethod.POST, "/api/tickets/:id/actions/:action", Access.BACK_OFFICE),
            rule(HttpMethod.GET, "/api/worklist", Access.BACK_OFFICE),
            rule(HttpMethod.GET, "/api/tickets/:id/choices", Access.BACK_OFFICE),
            rule(HttpMethod.GET, "/api/tickets/choices", Access.BACK_OFFICE),
            // customers are read, created and edited by whoever serves them (back office included: one edits
            // what one sees), merged by administrators
            rule(HttpMethod.GET, "/api/customers", Access.BACK_OFFICE),
            rule(HttpMethod.GET, "/api/customers/:id", Access.BACK_OFFICE),
            rule(HttpMethod.POST, "/api/customers", Access.BACK_OFFICE),
            rule(HttpMethod.PUT, "/api/customers/:id", Access.BACK_OFFICE),
            rule(HttpMethod.POST, "/api/customers/:id/merge", Access.ADMIN),

            // queue callbacks: an agent sees and works those of the queues it serves (checked by the route),
            // supervisors and admins see every queue and may cancel
            rule(HttpMethod.GET, "/api/callbacks", Access.STAFF),
            rule(HttpMethod.POST, "/api/callbacks/:id/claim", Access.AGENT),
            rule(HttpMethod.POST, "/api/callbacks/:id/finish", Access.AGENT),
            rule(HttpMethod.POST, "/api/callbacks/:id/release", Access.AGENT),
            rule(HttpMethod.POST, "/api/callbacks/:id/cancel", Access.SUPERVISOR),

            // the public complaint form (W2.1): no login, limited per client address by its route
            rule(HttpMethod.POST, "/api/public/complaints", Access.PUBLIC),

            // account administration
            rule(HttpMethod.POST, "/api/admin/users/:username/unlock", Access.ADMIN),

            // the bell: every logged-in user, their own notifications only (the routes take the user from the session)
            rule(HttpMethod.GET, "/api/notifications", Access.AUTHENTICATED),
            rule(HttpMethod.POST, "/api/notifications/:id/read", Access.AUTHENTICATED),
            rule(HttpMethod.POST, "/api/notifications/read-all", Access.AUTHENTICATED),
            rule(HttpMethod.GET, "/api/admin/users", Access.ADMIN),
            rule(HttpMethod.POST, "/api/admin/users", Access.ADMIN),
            rule(HttpMethod.PUT, "/api/admin/users/:username", Access.ADMIN),
            rule(HttpMethod.POST, "/api/admin/users/:username/password", Access.ADMIN),
            rule(HttpMethod.GET, "/api/admin/departments", Access.ADMIN),
            rule(HttpMethod.POST, "/api/admin/departments", Access.ADMIN),
            rule(HttpMethod.PUT, "/api/admin/departments/:code", Access.ADMIN),
            // business calendars of the SLA clocks
            rule(HttpMethod.GET, "/api/admin/calendars", Access.ADMIN),
            rule(HttpMethod.PUT, "/api/admin/calendars/:code", Access.ADMIN));

    private AccessPolicy() {
    }

    public static List<Rule> rules() {
        return RULES;
    }

    /** The rule for a concrete request; literal segments win over parameters. */
    public static Optional<Rule> find(HttpMethod method, String path) {
        String[] segments = split(path);
        Rule best = null;
        for (Rule r : RULES) {
            if (r.method().equals(method) && r.matches(segments)
                    && (best == null || r.literalSegments() > best.literalSegments())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether some rule has this path with another method (→ 405 rather than 404). */
    public static boolean knowsPath(String path) {
        String[] segments = split(path);
        return RULES.stream().anyMatch(r -> r.matches(segments));
    }

    /** The rule written for exactly this template (used to check the router against the table). */
    public static Optional<Rule> exact(HttpMethod method, String template) {
        return RULES.stream().filter(r -> r.method().equals(method) && r.path().equals(template)).findFirst();
    }

    private static Rule rule(HttpMethod method, String path, Access access) {
        return new Rule(method, path, access);
    }

    private static String[] split(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.split("/", -1);
    }
}
