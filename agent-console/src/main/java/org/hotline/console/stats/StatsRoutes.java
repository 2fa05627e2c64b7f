package org.hotline.console.stats;

import io.vertx.ext.web.Router;
import java.util.Map;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.Responses;
import org.hotline.platform.live.LiveCalls;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.stats.LiveStatsView;

/** Supervisor views: the live wallboard figures and every agent's ACD state. */
public final class StatsRoutes {
    private final LiveStatsView stats;
    private final AgentDesk desk;
    private final LiveCalls liveCalls;
    private final Blocking blocking;

    public StatsRoutes(LiveStatsView stats, AgentDesk desk, LiveCalls liveCalls, Blocking blocking) {
        this.stats = stats;
        this.desk = desk;
        this.liveCalls = liveCalls;
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.get("/api/stats/live").handler(Responses.ok(rc -> blocking.run(
                () -> StatsView.of(stats.snapshot(), liveCalls))));
        router.get("/api/agents").handler(Responses.ok(rc -> blocking.run(() -> Map.of("agents", desk.agents()))));
    }
}
