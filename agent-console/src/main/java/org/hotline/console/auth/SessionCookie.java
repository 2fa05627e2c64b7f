package org.hotline.console.auth;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/** The {@code hotline_session} cookie: HttpOnly, SameSite=Strict, Path=/, Secure when configured. */
public final class SessionCookie {
    public static final String NAME = "hotline_session";

    private final boolean secure;

    public SessionCookie(boolean secure) {
        this.secure = secure;
    }

    public void set(RoutingContext rc, String token) {
        rc.response().headers().add("Set-Cookie", header(token, ""));
    }

    public void clear(RoutingContext rc) {
        rc.response().headers().add("Set-Cookie", header("", "; Max-Age=0"));
    }

    /** The token the request carries in the cookie, or null. */
    public static String read(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(NAME);
        return cookie == null ? null : cookie.getValue();
    }

    /** Written by hand so the attributes read exactly as specified; tokens are base64url, cookie-safe as they are. */
    private String header(String value, String extra) {
        return NAME + "=" + value + "; HttpOnly; SameSite=Strict; Path=/" + extra + (secure ? "; Secure" : "");
    }
}
