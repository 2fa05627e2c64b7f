package org.hotline.console.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Puts the security headers on every response (pages, scripts, API, errors). */
public final class SecurityHeaders implements Handler<RoutingContext> {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Override
    public void handle(RoutingContext rc) {
        rc.response().headers()
                .set("Content-Security-Policy", CSP)
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY");
        if (rc.normalizedPath().startsWith("/api/")) {
            rc.response().headers().set("Cache-Control", "no-store");
        }
        rc.next();
    }
}
