package org.hotline.console.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.hotline.platform.session.Session;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.Json;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.Responses;
import org.hotline.platform.Times;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditLog;
import org.hotline.platform.audit.AuditOutcome;

/**
 * Login, logout and "who am I" (with the session's expiries, so the page can warn before it ends);
 * {@code /api/health} is {@code health.HealthRoutes}. {@code GET /api/session} is the public form of "who am I" for
 * the login page: it answers 200 with {@code user: null} when nobody is logged in (a page load without a session
 * leaves no 401 in the browser's console), and says whether the node is a demo, so the page can show the demo
 * accounts there and only there.
 */
public final class AuthRoutes {
    private static final String BAD_LOGIN = "invalid username or password";
    private static final String LOCKED = "this account is locked after too many failed logins; an administrator "
            + "can unlock it";

    private final Login login;
    private final SessionEnder ender;
    private final SessionCookie cookie;
    private final ClientAddress addresses;
    private final AuditLog audit;
    private final Blocking blocking;
    private final Clock clock;
    private final boolean demo;

    public AuthRoutes(Login login, SessionEnder ender, SessionCookie cookie, ClientAddress addresses, AuditLog audit,
                      Blocking blocking, Clock clock, boolean demo) {
        this.demo = demo;
        this.login = login;
        this.ender = ender;
        this.cookie = cookie;
        this.addresses = addresses;
        this.audit = audit;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** What {@code POST /api/login} answers. */
    public record LoginResponse(String token, UserView user, Instant expiresAt, Instant idleExpiresAt) {
    }

    public void mount(Router router) {
        router.post("/api/login").handler(Responses.ok(this::login));
        router.post("/api/logout").handler(Responses.ok(this::logout));
        router.get("/api/me").handler(Responses.ok(rc -> Future.succeededFuture(me(AuthHandler.session(rc)))));
        router.get("/api/session").handler(Responses.ok(rc -> Future.succeededFuture(session(rc))));
    }

    private Map<String, Object> session(RoutingContext rc) {
        Session session = AuthHandler.optionalSession(rc).orElse(null);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("user", session == null ? null : UserView.of(session.user()));
        if (session != null) {
            body.put("expiresAt", Json.instant(session.expiresAt()));
            body.put("idleExpiresAt", Json.instant(session.idleExpiresAt()));
        }
        body.put("demo", demo);
        return body;
    }

    private static Map<String, Object> me(Session session) {
        return Map.of("user", UserView.of(session.user()), "expiresAt", Json.instant(session.expiresAt()),
                "idleExpiresAt", Json.instant(session.idleExpiresAt()));
    }

    private Future<LoginResponse> login(RoutingContext rc) {
        JsonBody body = JsonBody.of(rc);
        String username = body.requiredText("username", 64);
        char[] password = body.requiredSecret("password", 256);
        String address = addresses.of(rc.request());
        return blocking.run(() -> login.attempt(username, password, address)).map(result -> switch (result) {
            case Login.Result.Success s -> {
                cookie.set(rc, s.session().token());
                yield new LoginResponse(s.session().token(), UserView.of(s.session().user()),
                        s.session().expiresAt(), s.session().idleExpiresAt());
            }
            case Login.Result.Throttled t -> {
                long seconds = Login.seconds(t.retryAfter());
                rc.response().putHeader("Retry-After", Long.toString(seconds));
                throw new HttpError(429, null, "too many failed logins; try again in " + seconds + " s");
            }
            case Login.Result.Refused r -> throw new HttpError(401, null, BAD_LOGIN);
            case Login.Result.Locked l -> throw new HttpError(423, null, LOCKED);
        });
    }

    private Future<Map<String, String>> logout(RoutingContext rc) {
        Session session = AuthHandler.session(rc);
        String address = addresses.of(rc.request());
        cookie.clear(rc);
        return ender.end(session.token())
                .compose(v -> blocking.run(() -> {
                    audit.record(new AuditEntry(Times.now(clock), session.username(), address, "logout",
                            "user:" + session.username(), AuditOutcome.SUCCESS, null));
                    return null;
                }))
                .map(v -> Map.of("status", "LOGGED_OUT"));
    }
}
