package org.hotline.console.callcontrol;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.hotline.console.agent.AcdAgents;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.Responses;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.telephony.SwitchControl;
import org.hotline.platform.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/supervisor/spy}: the supervisor's console softphone ({@code console/<username>}) joins the call of
 * an agent who is ON_CALL, to listen, whisper to the agent or barge in. Hanging up the returned spy call ends it.
 */
public final class SpyRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(SpyRoutes.class);
    private static final int USERNAME_MAX = 32;

    private final AgentDesk desk;
    private final java.util.function.UnaryOperator<String> phoneOf;
    private final SwitchControl switchControl;
    private final Blocking blocking;

    public SpyRoutes(AgentDesk desk, SwitchControl switchControl, Blocking blocking) {
        this(desk, switchControl, blocking, AcdAgents::consoleDevice);
    }

    /** @param phoneOf the phone a supervisor listens in with */
    public SpyRoutes(AgentDesk desk, SwitchControl switchControl, Blocking blocking,
                     java.util.function.UnaryOperator<String> phoneOf) {
        this.phoneOf = phoneOf;
        this.desk = desk;
        this.switchControl = switchControl;
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
            AgentSnapshot target = desk.agent(agent)
                    .orElseThrow(() -> new NotFoundException("unknown agent: " + agent));
            if (target.state() != AgentState.ON_CALL) {
                throw new ConflictException(agent + " is not on a call (state " + target.state() + ")");
            }
            String spyCallId = switchControl.spy(phoneOf.apply(supervisor.username()), target.device(),
                    mode);
            LOG.info("{} joined the call {} of {} ({}, spy call {})", supervisor.username(), target.callId(), agent,
                    mode, spyCallId);
            return Map.of("spyCallId", spyCallId, "agent", agent, "mode", mode);
        });
    }
}
