package org.hotline.console.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.hotline.platform.session.Session;
import org.hotline.console.http.HttpError;
import org.hotline.platform.user.User;

/**
 * Guards every {@code /api} request with {@link AccessPolicy}: unknown routes are refused, protected routes need a
 * live session (an {@code Authorization: Bearer} token or the session cookie of the name in force) and one of the
 * rule's roles. The session is put into the routing context for the route handlers. A token in the URL is refused
 * outright (401), valid or not: URLs end up in access logs, proxies and browser history.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    private static final String SESSION_KEY = "hotline.session";
    private static final String WS_PATH = "/api/ws";

    private final SessionStore sessions;
    private final SessionCookie cookie;

    public AuthHandler(SessionStore sessions, SessionCookie cookie) {
        this.sessions = sessions;
        this.cookie = cookie;
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

    /** On a public route, the live session the request presented, if any; on a protected route, the admitted one. */
    public static Optional<Session> optionalSession(RoutingContext rc) {
        return Optional.ofNullable(rc.get(SESSION_KEY));
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
            String presented = token(rc);
            if (presented != null && !presented.isEmpty()) {
                sessions.touch(presented).ifPresent(s -> rc.put(SESSION_KEY, s));
            }
            rc.next();
            return;
        }
        if (WS_PATH.equals(stripSlash(path)) && rc.request().getParam("token") != null) {
            rc.fail(new HttpError(401, null, "a session token in the URL is not accepted; send the cookie or an "
                    + "Authorization: Bearer header"));
            return;
        }
        Optional<Session> session = sessions.touch(token(rc));
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

    private String token(RoutingContext rc) {
        String header = rc.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        String fromCookie = cookie.read(rc);
        return fromCookie == null || fromCookie.isEmpty() ? null : fromCookie;
    }

    private static String stripSlash(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }
}
