package org.hotline.console.ws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.hotline.console.health.HealthRoutes;
import org.hotline.console.health.HealthView;
import org.hotline.console.http.Blocking;
import org.hotline.console.stats.StatsView;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.live.LiveCalls;
import org.hotline.platform.stats.LiveStatsView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared timer that sends the live figures (with the hold / recording badges) and the node's health to every
 * supervisor socket once a second: the wallboard shows a part that is not up within a second of it going down, and
 * the message a supervisor's socket gets on connect carries it too.
 */
public final class StatsBroadcaster {
    private static final Logger LOG = LoggerFactory.getLogger(StatsBroadcaster.class);
    static final long PERIOD_MS = 1000;

    private final Vertx vertx;
    private final SocketRegistry sockets;
    private final LiveStatsView stats;
    private final LiveCalls liveCalls;
    private final Blocking blocking;
    private final HealthCheck health;
    private final Clock clock;
    private long timerId = -1;
    private boolean inFlight;

    public StatsBroadcaster(Vertx vertx, SocketRegistry sockets, LiveStatsView stats, LiveCalls liveCalls,
                            Blocking blocking, HealthCheck health, Clock clock) {
        this.health = health;
        this.clock = clock;
        this.vertx = vertx;
        this.sockets = sockets;
        this.stats = stats;
        this.liveCalls = liveCalls;
        this.blocking = blocking;
    }

    /** Starts the timer; call on the console's context. */
    public void start() {
        timerId = vertx.setPeriodic(PERIOD_MS, id -> tick());
    }

    public void stop() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }

    /** The current figures and health as a {@code stats} message. */
    public Future<String> current() {
        return blocking.run(() -> Messages.stats(StatsView.of(stats.snapshot(), liveCalls),
                HealthView.of(HealthRoutes.report(health, clock), true)));
    }

    private void tick() {
        if (inFlight || !sockets.hasSupervisors()) {
            return;
        }
        inFlight = true;
        current().onComplete(ar -> {
            inFlight = false;
            if (ar.succeeded()) {
                sockets.supervisors().forEach(s -> s.sendDroppable(ar.result()));
            } else {
                LOG.warn("live statistics unavailable: {}", ar.cause().toString());
            }
        });
    }
}
