package org.hotline.console.callcontrol;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.console.agent.AcdAgents;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.Responses;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchControl;
import org.hotline.platform.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's in-call controls: hold / resume, blind or attended transfer and recording act on the call routing has
 * attached to the agent while ON_CALL; click-to-dial places a call from the agent's phone while NOT_READY or READY
 * (a READY agent goes NOT_READY, reason {@code outbound}).
 * The body is checked first (400 naming the field), then the agent's state (409); the switch's own refusals come
 * back as 404 / 409 with its message.
 */
public final class CallControlRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(CallControlRoutes.class);

    /** How a call is transferred. */
    enum TransferMode { BLIND, ATTENDED }

    /** What to do with the call's recording. */
    enum RecordingAction { START, STOP }

    private final AcdAgents acd;
    private final SwitchControl switchControl;
    private final OutboundDialer dialer;
    private final Blocking blocking;

    public CallControlRoutes(AcdAgents acd, SwitchControl switchControl, OutboundDialer dialer, Blocking blocking) {
        this.acd = acd;
        this.switchControl = switchControl;
        this.dialer = dialer;
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.post("/api/agent/hold").handler(Responses.ok(this::hold));
        router.post("/api/agent/transfer").handler(Responses.ok(this::transfer));
        router.post("/api/agent/recording").handler(Responses.ok(this::recording));
        router.post("/api/agent/dial").handler(Responses.ok(this::dial));
    }

    private Future<Map<String, Object>> hold(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        boolean onHold = JsonBody.of(rc).requiredBoolean("onHold");
        return blocking.run(() -> {
            String callId = currentCall(user).callId();
            switchControl.hold(callId, onHold);
            return body("callId", callId, "onHold", onHold);
        });
    }

    private Future<Map<String, Object>> transfer(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        JsonBody body = JsonBody.of(rc);
        String target = Destinations.require(body, "target");
        TransferMode mode = body.requiredEnum("mode", TransferMode.class);
        return blocking.run(() -> {
            AgentSnapshot me = currentCall(user);
            if (target.equals(me.device())) {
                throw HttpError.badRequest("target", "the call is already on " + target);
            }
            try {
                switch (mode) {
                    case BLIND -> switchControl.transfer(me.callId(), target);
                    case ATTENDED -> switchControl.attendedTransfer(me.callId(), target);
                }
            } catch (RuntimeException e) {
                // the agent gets the switch's reason (404/409); operators get the line, e.g. Asterisk's "No attended
                // transfer feature code found" when features.conf lacks the atxfer code
                LOG.warn("{} transfer of call {} by {} to {} refused: {}",
                        mode.name().toLowerCase(java.util.Locale.ROOT), me.callId(), user.username(), target,
                        e.getMessage());
                throw e;
            }
            LOG.info("{} transferred call {} to {} ({})", user.username(), me.callId(), target, mode);
            return body("callId", me.callId(), "target", target, "mode", mode);
        });
    }

    private Future<Map<String, Object>> recording(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        RecordingAction action = JsonBody.of(rc).requiredEnum("action", RecordingAction.class);
        return blocking.run(() -> {
            String callId = currentCall(user).callId();
            return switch (action) {
                case START -> body("callId", callId, "recording", true, "file", switchControl.startRecording(callId));
                case STOP -> {
                    switchControl.stopRecording(callId);
                    yield body("callId", callId, "recording", false);
                }
            };
        });
    }

    /** Places a call from the agent's phone (see {@link OutboundDialer}). */
    private Future<Map<String, Object>> dial(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        String destination = Destinations.require(JsonBody.of(rc), "destination");
        String address = OutboundDialer.clientAddress(rc);
        return blocking.run(() -> body("callId", dialer.dial(user, destination, address)));
    }

    /** The agent's snapshot while it is on a call, else a conflict. */
    private AgentSnapshot currentCall(User user) {
        AgentSnapshot me = acd.current(user);
        if (me.state() != AgentState.ON_CALL || me.callId() == null) {
            throw new ConflictException("no call in progress for " + user.username() + " (state " + me.state() + ")");
        }
        return me;
    }

    private static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

}
