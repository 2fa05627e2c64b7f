package org.hotline.console.edge;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests the HTTP codec could not parse: a request line over the limit is 414, a head over the limit 431, anything
 * else 400, each with the JSON error body (Vert.x's own answer has none) and the connection closed, since the rest
 * of what the client sent cannot be trusted to be a request.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidRequests.class);

    private final ConnectionGuard connections;

    public InvalidRequests(ConnectionGuard connections) {
        this.connections = connections;
    }

    @Override
    public void handle(HttpServerRequest request) {
        connections.headReceived(request);
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        int status;
        String message;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            message = "the request line is too long";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            message = "the request headers are too large";
        } else {
            status = 400;
            message = "malformed HTTP request";
        }
        LOG.debug("refused an unparsable request from {}: {}", request.remoteAddress(), status);
        EdgeReply.send(request, status, message, true);
    }
}
