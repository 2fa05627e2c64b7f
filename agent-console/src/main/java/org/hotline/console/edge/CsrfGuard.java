package org.hotline.console.edge;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;
import org.hotline.console.http.HttpError;

/**
 * Refuses cross-site request forgery on the API (403): a state-changing request (POST, PUT, PATCH, DELETE), the
 * login included, must be {@code Content-Type: application/json} (which a cross-site form or a "simple" fetch cannot
 * send without a CORS preflight, and this server answers no preflight) and must come from one of the public origins,
 * named by {@code Origin} or else by {@code Referer}. {@code SameSite} cookies alone do not stop a page on another
 * port of the same host: that page is same-site.
 */
public final class CsrfGuard implements Handler<RoutingContext> {
    private static final Set<HttpMethod> STATE_CHANGING =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final EdgeGuard guard;

    public CsrfGuard(EdgeGuard guard) {
        this.guard = guard;
    }

    @Override
    public void handle(RoutingContext rc) {
        if (!STATE_CHANGING.contains(rc.request().method())) {
            rc.next();
            return;
        }
        if (!isJson(rc.request().getHeader("Content-Type"))) {
            rc.fail(HttpError.forbidden("a state-changing request must be sent as Content-Type: application/json"));
            return;
        }
        Origins origins = guard.origins(rc.request().localAddress().port());
        String origin = rc.request().getHeader("Origin");
        if (origin != null) {
            if (!origins.allowsOrigin(origin)) {
                rc.fail(HttpError.forbidden("cross-origin request refused"));
                return;
            }
        } else if (!origins.allowsReferer(rc.request().getHeader("Referer"))) {
            rc.fail(HttpError.forbidden("a state-changing request needs an Origin (or Referer) of this site"));
            return;
        }
        rc.next();
    }

    /** {@code application/json}, with parameters such as {@code charset=utf-8} allowed. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).strip();
        return media.toLowerCase(Locale.ROOT).equals("application/json");
    }
}
