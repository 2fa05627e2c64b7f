package org.hotline.console.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.hotline.console.http.HttpError;
import org.hotline.platform.user.User;

/**
 * Guards every {@code /api} request with {@link AccessPolicy}: unknown routes are refused, protected routes need a
 * live session (bearer token, cookie, or for the WebSocket a {@code token} query parameter) and one of the rule's
 * roles. The session is put into the routing context for the route handlers.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    private static final String SESSION_KEY = "hotline.session";
    private static final String WS_PATH = "/api/ws";

    private final SessionStore sessions;

    public AuthHandler(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** The session the guard admitted (only on protected routes). */
    public static Session session(RoutingContext rc) {
        Session session = rc.get(SESSION_KEY);
        if (session == null) {
            throw HttpError.unauthorized();
        }
        return session;
    }

    /**
     * On a public route, the user of a live session the request presented, if any (the guard attaches it without
     * requiring it); on a protected route, the admitted user.
     */
    public static Optional<User> optionalUser(RoutingContext rc) {
        Session session = rc.get(SESSION_KEY);
        return session == null ? Optional.empty() : Optional.of(session.user());
    }

    /** The logged-in user of the session the guard admitted (only on protected routes). */
    public static User user(RoutingContext rc) {
        return session(rc).user();
    }

    @Override
    public void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        Optional<AccessPolicy.Rule> rule = AccessPolicy.find(rc.request().method(), path);
        if (rule.isEmpty()) {
            rc.fail(AccessPolicy.knowsPath(path)
                    ? new HttpError(405, null, "method not allowed")
                    : new HttpError(404, null, "no such API route"));
            return;
        }
        Access access = rule.get().access();
        if (!access.needsLogin()) {
            String presented = token(rc, path);
            if (presented != null && !presented.isEmpty()) {
                sessions.touch(presented).ifPresent(s -> rc.put(SESSION_KEY, s));
            }
            rc.next();
            return;
        }
        Optional<Session> session = sessions.touch(token(rc, path));
        if (session.isEmpty()) {
            rc.fail(HttpError.unauthorized());
            return;
        }
        if (!access.allows(session.get().user())) {
            rc.fail(HttpError.forbidden("this needs one of the roles " + access.roles()));
            return;
        }
        rc.put(SESSION_KEY, session.get());
        rc.next();
    }

    private static String token(RoutingContext rc, String path) {
        String header = rc.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        String cookie = SessionCookie.read(rc);
        if (cookie != null && !cookie.isEmpty()) {
            return cookie;
        }
        if (WS_PATH.equals(stripSlash(path))) {
            return rc.request().getParam("token");
        }
        return null;
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }
}
