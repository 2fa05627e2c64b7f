package org.hotline.console.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON responses and adapts future-returning handlers to Vert.x Web. */
public final class Responses {
    private Responses() {
    }

    /** An API handler: returns the response body (serialised as JSON) or fails. */
    @FunctionalInterface
    public interface JsonHandler {
        Future<?> handle(RoutingContext rc);
    }

    /** Runs {@code handler}; its result is sent with {@code status}, any failure goes to the failure handler. */
    public static Handler<RoutingContext> json(int status, JsonHandler handler) {
        return rc -> {
            Future<?> result;
            try {
                result = handler.handle(rc);
            } catch (RuntimeException e) {
                rc.fail(e);
                return;
            }
            result.onSuccess(body -> send(rc, status, body)).onFailure(rc::fail);
        };
    }

    public static Handler<RoutingContext> ok(JsonHandler handler) {
        return json(200, handler);
    }

    public static void send(RoutingContext rc, int status, Object body) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        rc.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Json.write(body));
    }
}
