package org.hotline.cluster;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hotline.platform.Times;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.ComponentKind;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.session.InMemorySessionRepository;
import org.hotline.platform.session.SessionRepository;

/** One node alone, as Hotline always ran: a plain Vert.x, sessions in memory, no Hazelcast class even touched. */
final class StandaloneNode implements ClusterNode {
    private final SessionRepository sessions = new InMemorySessionRepository();
    private final Instant since;

    StandaloneNode(Clock clock) {
        this.since = Times.now(clock);
    }

    @Override
    public Vertx newVertx() {
        return Vertx.vertx();
    }

    @Override
    public SessionRepository sessions() {
        return sessions;
    }

    @Override
    public HealthCheck health() {
        ClusterView view = view();
        return () -> List.of(new ComponentHealth("cluster", ComponentKind.CLUSTER, view.state().name(), true, since,
                view.describe()));
    }

    @Override
    public ClusterView view() {
        return new ClusterView(ClusterView.State.STANDALONE, 1, List.of(), List.of());
    }

    @Override
    public void close() {
        // nothing joined, nothing to leave
    }
}
