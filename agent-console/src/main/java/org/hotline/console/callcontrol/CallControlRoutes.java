package org.hotline.console.callcontrol;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.Responses;
import org.hotline.interactions.calls.AgentCallControl;
import org.hotline.interactions.calls.OutboundDial;
import org.hotline.interactions.calls.OutboundDial.DialRequest;
import org.hotline.interactions.calls.TransferMode;
import org.hotline.platform.user.User;

/**
 * The agent's in-call controls (hold / resume, blind or attended transfer, recording: {@link AgentCallControl}) and
 * click-to-dial ({@link OutboundDial}). Each route checks the body first (400 naming the field), calls its use case
 * and renders its result ({@link CallReplies}: 409 for the agent's state or what the switch cannot do, the switch's
 * own refusals as 404 / 409 with its message).
 */
public final class CallControlRoutes {

    /** What to do with the call's recording. */
    enum RecordingAction { START, STOP }

    private final AgentCallControl calls;
    private final OutboundDial dial;
    private final Blocking blocking;

    public CallControlRoutes(AgentCallControl calls, OutboundDial dial, Blocking blocking) {
        this.calls = calls;
        this.dial = dial;
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
            AgentCallControl.HoldChanged held = CallReplies.done(calls.hold(user, onHold));
            return body("callId", held.callId(), "onHold", held.onHold());
        });
    }

    private Future<Map<String, Object>> transfer(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        JsonBody body = JsonBody.of(rc);
        String target = Destinations.require(body, "target");
        TransferMode mode = body.requiredEnum("mode", TransferMode.class);
        return blocking.run(() -> {
            AgentCallControl.Transferred done = CallReplies.done(calls.transfer(user, target, mode));
            return body("callId", done.callId(), "target", done.target(), "mode", done.mode());
        });
    }

    private Future<Map<String, Object>> recording(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        RecordingAction action = JsonBody.of(rc).requiredEnum("action", RecordingAction.class);
        return blocking.run(() -> {
            AgentCallControl.RecordingChanged done = CallReplies.done(calls.recording(user,
                    action == RecordingAction.START));
            return done.recording()
                    ? body("callId", done.callId(), "recording", true, "file", done.file())
                    : body("callId", done.callId(), "recording", false);
        });
    }

    /** Places a call from the agent's phone (see {@link OutboundDial}). */
    private Future<Map<String, Object>> dial(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        String destination = Destinations.require(JsonBody.of(rc), "destination");
        String address = CallReplies.clientAddress(rc);
        return blocking.run(() -> body("callId", CallReplies.dialled(dial.dial(new DialRequest(user, destination,
                address)))));
    }

    private static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
