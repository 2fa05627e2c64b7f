package org.hotline.console.health;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.Responses;
import org.hotline.platform.Times;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.health.HealthReport;
import org.hotline.platform.health.HealthStatus;
import org.hotline.platform.user.Role;

/**
 * {@code GET /api/health} (public): the node's overall status and each part's state, with since-when and details for
 * a logged-in supervisor or admin ({@link HealthView}).
 *
 * <p>HTTP 200 for UP and DEGRADED, 503 for DOWN. A load balancer or orchestrator that reads only the status code
 * should keep sending traffic to a DEGRADED node (a switch link is down, but the console, the records and the other
 * links work, and restarting the node would not bring the switch back), and take a node whose database is down out of
 * rotation (nobody can log in, no call can be recorded). The body tells which part is not up in either case.
 */
public final class HealthRoutes {
    private final HealthCheck health;
    private final Blocking blocking;
    private final Clock clock;

    public HealthRoutes(HealthCheck health, Blocking blocking, Clock clock) {
        this.health = health;
        this.blocking = blocking;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/health").handler(this::health);
    }

    /** The report now (the database check may take up to its answer time: call off the event loop). */
    public static HealthReport report(HealthCheck health, Clock clock) {
        return HealthReport.of(health.components(), Times.now(clock));
    }

    private void health(RoutingContext rc) {
        boolean details = AuthHandler.optionalUser(rc)
                .map(u -> u.has(Role.SUPERVISOR) || u.has(Role.ADMIN)).orElse(false);
        blocking.run(() -> report(health, clock)).onSuccess(r -> {
            rc.response().putHeader("Cache-Control", "no-store");
            Responses.send(rc, r.status() == HealthStatus.DOWN ? 503 : 200, HealthView.of(r, details));
        }).onFailure(rc::fail);
    }
}
