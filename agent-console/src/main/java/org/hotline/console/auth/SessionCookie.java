package org.hotline.console.auth;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The session cookie: HttpOnly, SameSite=Strict, Path=/. Whenever the console is reachable from other machines (its
 * host is not a loopback address) or {@code secure-cookies} is set, it is {@code __Host-hotline_session} with
 * {@code Secure}: the prefix makes browsers refuse it unless it is Secure, has Path=/ and no Domain, so it cannot be
 * planted by a sibling host or over plain HTTP. On loopback over plain HTTP it keeps the plain name without Secure,
 * because browsers drop Secure cookies set over http. Only the name in force is read.
 */
public final class SessionCookie {
    public static final String NAME = "hotline_session";
    public static final String SECURE_NAME = "__Host-hotline_session";

    private final boolean secure;

    public SessionCookie(boolean secure) {
        this.secure = secure;
    }

    /** The cookie for a console listening on {@code host}: secure unless loopback and not forced. */
    public static SessionCookie forHost(String host, boolean secureCookies) {
        return new SessionCookie(secureCookies || !isLoopback(host));
    }

    /** Whether {@code host} names the loopback interface (no DNS lookup: literals and {@code localhost}). */
    static boolean isLoopback(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127(\\.\\d{1,3}){3}")
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    public boolean secure() {
        return secure;
    }

    public String name() {
        return secure ? SECURE_NAME : NAME;
    }

    public void set(RoutingContext rc, String token) {
        rc.response().headers().add("Set-Cookie", header(token, ""));
    }

    public void clear(RoutingContext rc) {
        rc.response().headers().add("Set-Cookie", header("", "; Max-Age=0"));
    }

    /** The token the request carries in the cookie of the name in force, or null. */
    public String read(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(name());
        return cookie == null ? null : cookie.getValue();
    }

    /** Written by hand so the attributes read exactly as specified; tokens are base64url, cookie-safe as they are. */
    String header(String value, String extra) {
        return name() + "=" + value + "; HttpOnly; SameSite=Strict; Path=/" + extra + (secure ? "; Secure" : "");
    }
}
