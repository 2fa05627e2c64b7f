package org.hotline.console.auth;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.Responses;
import org.hotline.platform.user.User;
import org.hotline.platform.user.UserDirectory;

/** Login, logout and "who am I" ({@code /api/health} is {@code health.HealthRoutes}). */
public final class AuthRoutes {
    private static final String BAD_LOGIN = "invalid username or password";

    private final UserDirectory users;
    private final SessionStore sessions;
    private final SessionEnder ender;
    private final SessionCookie cookie;
    private final Blocking blocking;
    private final Clock clock;

    public AuthRoutes(UserDirectory users, SessionStore sessions, SessionEnder ender, SessionCookie cookie,
                      Blocking blocking, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.ender = ender;
        this.cookie = cookie;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** What {@code POST /api/login} answers. */
    public record LoginResponse(String token, UserView user) {
    }

    public void mount(Router router) {
        router.post("/api/login").handler(Responses.ok(this::login));
        router.post("/api/logout").handler(Responses.ok(this::logout));
        router.get("/api/me").handler(Responses.ok(rc -> Future.succeededFuture(
                Map.of("user", UserView.of(AuthHandler.user(rc))))));
    }

    private Future<LoginResponse> login(RoutingContext rc) {
        JsonBody body = JsonBody.of(rc);
        String username = body.requiredText("username", 64);
        char[] password = body.requiredSecret("password", 256);
        return blocking.run(() -> authenticate(username, password)).map(user -> {
            User u = user.orElseThrow(() -> new HttpError(401, null, BAD_LOGIN));
            Session session = sessions.create(u);
            cookie.set(rc, session.token());
            return new LoginResponse(session.token(), UserView.of(u));
        });
    }

    private Optional<User> authenticate(String username, char[] password) {
        try {
            return users.authenticate(username, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private Future<Map<String, String>> logout(RoutingContext rc) {
        Session session = AuthHandler.session(rc);
        cookie.clear(rc);
        return ender.end(session.token()).map(v -> Map.of("status", "LOGGED_OUT"));
    }
}
