package org.hotline.console.edge;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.hotline.console.http.ErrorBody;
import org.hotline.console.http.Json;

/**
 * An error answered at the edge, before the router (bad Host, malformed URL, over-long head): the API's JSON error
 * body with the same protective headers the router's responses get.
 */
final class EdgeReply {
    private static final String CSP = "default-src 'none'; frame-ancestors 'none'";

    private EdgeReply() {
    }

    /** Answers {@code status} with {@code {"error": message, "field": null}}; {@code close} ends the connection. */
    static void send(HttpServerRequest request, int status, String message, boolean close) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "no-store");
        if (close) {
            response.putHeader("Connection", "close");
        }
        response.end(Json.write(new ErrorBody(message, null)));
    }
}
