package org.hotline.console.agent;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
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

/** The agent's own controls: ACD login, READY / NOT_READY, finish wrap-up, answer and hang up. */
public final class AgentRoutes {
    private static final int REASON_MAX = 64;

    private final AcdAgents acd;
    private final SwitchControl switchControl;
    private final Blocking blocking;

    public AgentRoutes(AcdAgents acd, SwitchControl switchControl, Blocking blocking) {
        this.acd = acd;
        this.switchControl = switchControl;
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.post("/api/agent/login").handler(Responses.ok(rc -> {
            User user = AuthHandler.user(rc);
            return blocking.run(() -> acd.ensureLoggedIn(user));
        }));
        router.post("/api/agent/state").handler(Responses.ok(this::changeState));
        router.post("/api/agent/wrapup/finish").handler(Responses.ok(rc -> {
            String agent = AuthHandler.user(rc).username();
            return blocking.run(() -> acd.desk().finishWrapUp(agent));
        }));
        router.post("/api/agent/answer").handler(Responses.ok(this::answer));
        router.post("/api/agent/hangup").handler(Responses.ok(this::hangup));
        router.get("/api/agent/me").handler(Responses.ok(rc -> {
            User user = AuthHandler.user(rc);
            return blocking.run(() -> acd.current(user));
        }));
    }

    private Future<AgentSnapshot> changeState(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        JsonBody body = JsonBody.of(rc);
        AgentState target = body.requiredEnum("state", AgentState.class);
        String reason = body.optionalText("reason", REASON_MAX);
        return switch (target) {
            case READY -> blocking.run(() -> {
                acd.ensureLoggedIn(user);
                return acd.desk().ready(user.username());
            });
            case NOT_READY -> {
                if (reason == null) {
                    throw HttpError.badRequest("reason", "reason is required for NOT_READY");
                }
                yield blocking.run(() -> {
                    acd.ensureLoggedIn(user);
                    return acd.desk().notReady(user.username(), reason);
                });
            }
            default -> throw HttpError.badRequest("state", "state must be READY or NOT_READY");
        };
    }

    private Future<Map<String, String>> answer(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        return blocking.run(() -> {
            AgentSnapshot me = acd.current(user);
            if (me.state() != AgentState.RESERVED) {
                throw new ConflictException("no call is ringing for " + user.username() + " (state " + me.state() + ")");
            }
            switchControl.answer(me.device());
            return Map.of("callId", String.valueOf(me.callId()), "device", me.device());
        });
    }

    private Future<Map<String, String>> hangup(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        return blocking.run(() -> {
            AgentSnapshot me = acd.current(user);
            if (me.callId() == null || me.state() != AgentState.ON_CALL) {
                throw new ConflictException("no call to hang up for " + user.username() + " (state " + me.state() + ")");
            }
            switchControl.hangup(me.callId());
            return Map.of("callId", me.callId());
        });
    }

}
