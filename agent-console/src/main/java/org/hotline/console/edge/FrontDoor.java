package org.hotline.console.edge;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every request, in front of the router: counts the request as the end of its connection's
 * head wait, refuses a {@code Host} that is not this server's (DNS rebinding: a page of an attacker's name that
 * resolves to this server would otherwise be same-origin with it) with 421, and a URL Vert.x could not decode with
 * 400, both as the API's JSON error. Neither writes more than one short debug line: a client must not be able to
 * flood the log.
 */
public final class FrontDoor implements Handler<HttpServerRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);

    private final EdgeGuard guard;
    private final ConnectionGuard connections;
    private final Handler<HttpServerRequest> next;

    public FrontDoor(EdgeGuard guard, ConnectionGuard connections, Handler<HttpServerRequest> next) {
        this.guard = guard;
        this.connections = connections;
        this.next = next;
    }

    @Override
    public void handle(HttpServerRequest request) {
        connections.headReceived(request);
        HostAndPort authority = request.authority();
        if (authority == null || authority.host() == null || authority.host().isEmpty()) {
            LOG.debug("refused a request without Host from {}", request.remoteAddress());
            EdgeReply.send(request, 400, "a Host header is required", true);
            return;
        }
        if (!guard.origins(request.localAddress().port()).allowsHost(authority.host())) {
            LOG.debug("refused a request for an unknown host from {}", request.remoteAddress());
            EdgeReply.send(request, 421, "this server does not answer for that host name", false);
            return;
        }
        String problem = RequestTargets.problem(request.uri());
        if (problem != null) {
            LOG.debug("refused a request from {}: {}", request.remoteAddress(), problem);
            EdgeReply.send(request, 400, problem, false);
            return;
        }
        next.handle(request);
    }
}
