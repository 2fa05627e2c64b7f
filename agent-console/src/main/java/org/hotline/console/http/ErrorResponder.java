package org.hotline.console.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.UUID;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure of an API request into the JSON error contract: domain exceptions map to 400/404/409, the
 * console's own {@link HttpError}s keep their status, anything else is a 500 that is logged with a request id while
 * the client only sees a generic message and that id.
 */
public final class ErrorResponder implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    @Override
    public void handle(RoutingContext rc) {
        if (rc.response().ended()) {
            return;
        }
        Throwable failure = rc.failure();
        Failure f = failure == null ? ofStatus(rc.statusCode()) : ofThrowable(failure, rc);
        if (rc.response().headWritten()) {
            rc.response().reset();
            return;
        }
        Responses.send(rc, f.status, new ErrorBody(f.message, f.field));
    }

    private record Failure(int status, String message, String field) {
    }

    private static Failure ofThrowable(Throwable t, RoutingContext rc) {
        return switch (t) {
            case HttpError e -> new Failure(e.status(), e.getMessage(), e.field());
            case ValidationException e -> new Failure(400, e.getMessage(), e.field());
            case NotFoundException e -> new Failure(404, e.getMessage(), null);
            case ConflictException e -> new Failure(409, e.getMessage(), null);
            case HttpException e when e.getStatusCode() < 500 -> ofStatus(e.getStatusCode());
            default -> unexpected(t, rc);
        };
    }

    private static Failure unexpected(Throwable t, RoutingContext rc) {
        String requestId = UUID.randomUUID().toString();
        LOG.error("request {} {} {} failed", requestId, rc.request().method(), rc.normalizedPath(), t);
        return new Failure(500, "internal error (request id " + requestId + ")", null);
    }

    private static Failure ofStatus(int status) {
        return switch (status) {
            case 400 -> new Failure(400, "bad request", null);
            case 401 -> new Failure(401, "not logged in", null);
            case 403 -> new Failure(403, "forbidden", null);
            case 404 -> new Failure(404, "not found", null);
            case 405 -> new Failure(405, "method not allowed", null);
            case 413 -> new Failure(413, "request body too large", null);
            case 415 -> new Failure(415, "unsupported media type", null);
            default -> status >= 400 && status < 500
                    ? new Failure(status, "request rejected", null)
                    : new Failure(500, "internal error", null);
        };
    }
}
