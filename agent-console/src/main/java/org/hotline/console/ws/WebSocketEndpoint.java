package org.hotline.console.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.hotline.console.agent.AcdAgents;
import org.hotline.console.auth.AuthHandler;
import org.hotline.platform.session.Session;
import org.hotline.console.auth.SessionStore;
import org.hotline.console.auth.UserView;
import org.hotline.console.edge.EdgeGuard;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.Json;
import org.hotline.platform.live.LiveCalls;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/ws}: upgrades an authenticated request to a WebSocket, greets it ({@code hello}, logging an agent
 * in to the ACD on the way; supervisors get the live figures at once) and answers client messages ({@code ping}).
 */
public final class WebSocketEndpoint implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);

    private final SocketRegistry sockets;
    private final EventRelay relay;
    private final StatsBroadcaster stats;
    private final AcdAgents acd;
    private final SessionStore sessions;
    private final LiveCalls liveCalls;
    private final Blocking blocking;
    private final EdgeGuard edge;

    public WebSocketEndpoint(SocketRegistry sockets, EventRelay relay, StatsBroadcaster stats, AcdAgents acd,
                             SessionStore sessions, LiveCalls liveCalls, Blocking blocking, EdgeGuard edge) {
        this.edge = edge;
        this.sockets = sockets;
        this.relay = relay;
        this.stats = stats;
        this.acd = acd;
        this.sessions = sessions;
        this.liveCalls = liveCalls;
        this.blocking = blocking;
    }

    @Override
    public void handle(RoutingContext rc) {
        Session session = AuthHandler.session(rc);
        HttpServerRequest request = rc.request();
        if (!request.canUpgradeToWebSocket()) {
            throw HttpError.badRequest(null, "a WebSocket upgrade is expected here");
        }
        if (!allowedOrigin(request, edge)) {
            throw HttpError.forbidden("cross-origin WebSocket refused");
        }
        request.toWebSocket()
                .onSuccess(ws -> open(ws, session))
                .onFailure(e -> LOG.debug("WebSocket upgrade failed: {}", e.toString()));
    }

    private void open(ServerWebSocket ws, Session session) {
        ClientSocket client = new ClientSocket(ws, session);
        sockets.add(client);
        ws.closeHandler(v -> sockets.remove(client));
        ws.exceptionHandler(e -> LOG.debug("socket of {} failed: {}", session.username(), e.toString()));
        ws.textMessageHandler(text -> onMessage(client, text));
        ws.binaryMessageHandler(b -> client.send(Messages.error("binary messages are not supported")));
        if (sessions.touch(session.token()).isEmpty()) {
            sockets.closeSession(session.token());
            return;
        }
        greet(client);
    }

    private void greet(ClientSocket client) {
        UserView user = UserView.of(client.user());
        Future<String> hello = client.isAgent()
                ? blocking.run(() -> agentHello(client, user))
                : Future.succeededFuture(Messages.hello(user, null, null, null));
        hello.onSuccess(client::send).onFailure(e -> LOG.warn("greeting {} failed", client.username(), e));
        if (client.isSupervisor()) {
            hello.compose(v -> stats.current()).onSuccess(client::send);
        }
    }

    /**
     * Logs the agent in to the ACD and tells its state, with the attached call's screen-pop if there is one and the
     * hold / recording state of a call in progress.
     */
    private String agentHello(ClientSocket client, UserView user) {
        AgentSnapshot snapshot;
        try {
            AgentMove in = acd.ensureLoggedIn(client.user());
            snapshot = in instanceof AgentMove.Moved m ? m.agent() : null;
            if (snapshot == null) {
                LOG.warn("ACD login of {} refused: {}", client.username(), in.message());
            }
        } catch (RuntimeException e) {
            LOG.warn("ACD login of {} failed: {}", client.username(), e.toString());
            snapshot = null;
        }
        Map<String, Object> offer = snapshot == null || snapshot.callId() == null ? null
                : relay.offerFor(client.username(), snapshot.callId()).map(relay::offeredMessage).orElse(null);
        Map<String, Object> call = snapshot == null || snapshot.state() != AgentState.ON_CALL
                || snapshot.callId() == null ? null
                : Messages.callFeatures(snapshot.callId(), liveCalls.find(snapshot.callId()).orElse(null));
        return Messages.hello(user, snapshot, offer, call);
    }

    private void onMessage(ClientSocket client, String text) {
        String type;
        try {
            JsonNode node = Json.mapper().readTree(text);
            type = node != null && node.path("type").isTextual() ? node.path("type").asText() : null;
        } catch (Exception e) {
            client.send(Messages.error("malformed message: JSON expected"));
            return;
        }
        if ("ping".equals(type)) {
            if (sessions.touch(client.token()).isEmpty()) {
                sockets.closeSession(client.token());
                return;
            }
            client.send(Messages.pong());
        } else {
            client.send(Messages.error(type == null ? "message without type" : "unknown message type"));
        }
    }

    /**
     * A browser's Origin must be one of the public origins (no cross-site WebSocket hijacking, also not from another
     * port of the same host); non-browsers send none.
     */
    static boolean allowedOrigin(HttpServerRequest request, EdgeGuard edge) {
        String origin = request.getHeader("Origin");
        return origin == null || edge.origins(request.localAddress().port()).allowsOrigin(origin);
    }
}
