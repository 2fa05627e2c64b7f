package org.hotline.cluster;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Objects;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.session.SessionRepository;

/**
 * How this node stands towards the others, decided once from {@link ClusterConfig#enabled()}: alone
 * ({@link StandaloneNode}: no Hazelcast at all, what a single node always ran) or a Hazelcast member
 * ({@link MemberNode}). Each supplies the node's Vert.x, where its console sessions live and its part of the health,
 * so the node's wiring asks no "are we clustered?".
 *
 * <p>Life-cycle: started first (a member has joined when {@link #start} returns), its Vert.x built next and closed
 * before it, and it closes last, leaving the cluster (the others keep the data it held, through the backups).
 */
public interface ClusterNode extends AutoCloseable {
    /** The node {@code config} asks for, started. */
    static ClusterNode start(ClusterConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        return config.enabled() ? MemberNode.join(config, clock) : new StandaloneNode(clock);
    }

    /**
     * A new Vert.x for this node, plain when alone, clustered over this member's Hazelcast instance otherwise (its
     * event bus reaching the other nodes' directly). The caller closes it, before it closes this node.
     */
    Vertx newVertx();

    /** Where the console's sessions live: this node's memory, or the cluster's map. */
    SessionRepository sessions();

    /** This node's part of the health: one component, {@code cluster}. */
    HealthCheck health();

    /** The membership as it is now. */
    ClusterView view();

    /** Leaves the cluster (a member) or does nothing (alone); idempotent. */
    @Override
    void close();
}
