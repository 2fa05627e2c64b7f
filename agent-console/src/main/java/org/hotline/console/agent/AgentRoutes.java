package org.hotline.console.agent;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.callcontrol.CallReplies;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.Responses;
import org.hotline.interactions.calls.AgentCallControl;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.user.User;

/**
 * The agent's own controls: ACD login, READY / NOT_READY, finish wrap-up, answer and hang up ({@link AgentCallControl}).
 * Every reply about the agent is an {@link AgentView}: its state and the call actions it may take now.
 */
public final class AgentRoutes {
    private static final int REASON_MAX = 64;

    private final AcdAgents acd;
    private final AgentCallControl calls;
    private final SwitchCapabilities can;
    private final Blocking blocking;

    /** @param can what the switch can do, for the actions each reply offers */
    public AgentRoutes(AcdAgents acd, AgentCallControl calls, SwitchCapabilities can, Blocking blocking) {
        this.acd = acd;
        this.calls = calls;
        this.can = can;
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.post("/api/agent/login").handler(Responses.ok(rc -> {
            User user = AuthHandler.user(rc);
            return blocking.run(() -> view(acd.ensureLoggedIn(user)));
        }));
        router.post("/api/agent/state").handler(Responses.ok(this::changeState));
        router.post("/api/agent/wrapup/finish").handler(Responses.ok(rc -> {
            String agent = AuthHandler.user(rc).username();
            return blocking.run(() -> view(acd.desk().finishWrapUp(agent)));
        }));
        router.post("/api/agent/answer").handler(Responses.ok(this::answer));
        router.post("/api/agent/hangup").handler(Responses.ok(this::hangup));
        router.get("/api/agent/me").handler(Responses.ok(rc -> {
            User user = AuthHandler.user(rc);
            return blocking.run(() -> view(acd.current(user)));
        }));
    }

    private Future<AgentView> changeState(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        JsonBody body = JsonBody.of(rc);
        AgentState target = body.requiredEnum("state", AgentState.class);
        String reason = body.optionalText("reason", REASON_MAX);
        return switch (target) {
            case READY -> blocking.run(() -> {
                AgentMove in = acd.ensureLoggedIn(user);
                return view(in.moved() ? acd.desk().ready(user.username()) : in);
            });
            case NOT_READY -> {
                if (reason == null) {
                    throw HttpError.badRequest("reason", "reason is required for NOT_READY");
                }
                yield blocking.run(() -> {
                    AgentMove in = acd.ensureLoggedIn(user);
                    return view(in.moved() ? acd.desk().notReady(user.username(), reason) : in);
                });
            }
            default -> throw HttpError.badRequest("state", "state must be READY or NOT_READY");
        };
    }

    private Future<Map<String, String>> answer(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        return blocking.run(() -> {
            AgentCallControl.Answered answered = CallReplies.done(calls.answer(user));
            return Map.of("callId", String.valueOf(answered.callId()), "device", answered.device());
        });
    }

    private Future<Map<String, String>> hangup(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        return blocking.run(() -> Map.of("callId", CallReplies.done(calls.hangUp(user)).callId()));
    }

    private AgentView view(AgentSnapshot snapshot) {
        return AgentView.of(snapshot, can);
    }

    /** The agent as it is now, or routing's refusal as the console's error: 404, 409, or 400 for a missing reason. */
    private AgentView view(AgentMove move) {
        return switch (move) {
            case AgentMove.Moved m -> view(m.agent());
            case AgentMove.UnknownAgent u -> throw new HttpError(404, null, u.message());
            case AgentMove.NotAllowed n -> throw new HttpError(409, null, n.message());
            case AgentMove.DeviceUnavailable d -> throw new HttpError(409, null, d.message());
            case AgentMove.ReasonRequired r -> throw HttpError.badRequest("reason", r.message());
        };
    }
}
