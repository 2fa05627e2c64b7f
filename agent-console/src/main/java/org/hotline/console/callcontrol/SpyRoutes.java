package org.hotline.console.callcontrol;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.Responses;
import org.hotline.interactions.calls.SupervisorJoin;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.user.User;

/**
 * {@code POST /api/supervisor/spy}: the supervisor's phone joins the call of an agent who is ON_CALL, to listen,
 * whisper to the agent or barge in ({@link SupervisorJoin}). Hanging up the returned spy call ends it.
 */
public final class SpyRoutes {
    private static final int USERNAME_MAX = 32;

    private final SupervisorJoin join;
    private final Blocking blocking;

    public SpyRoutes(SupervisorJoin join, Blocking blocking) {
        this.join = join;
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.post("/api/supervisor/spy").handler(Responses.ok(this::spy));
    }

    private Future<Map<String, Object>> spy(RoutingContext rc) {
        User supervisor = AuthHandler.user(rc);
        JsonBody body = JsonBody.of(rc);
        String agent = body.requiredText("agent", USERNAME_MAX);
        SpyMode mode = body.requiredEnum("mode", SpyMode.class);
        return blocking.run(() -> {
            SupervisorJoin.Joined joined = CallReplies.done(join.join(supervisor, agent, mode));
            return Map.of("spyCallId", joined.spyCallId(), "agent", joined.agent(), "mode", joined.mode());
        });
    }
}
