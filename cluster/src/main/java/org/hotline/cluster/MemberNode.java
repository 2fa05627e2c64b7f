package org.hotline.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.partition.Partition;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.hotline.cluster.session.HazelcastSessionRepository;
import org.hotline.platform.Times;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.ComponentKind;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.session.SessionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node as a Hazelcast member of the cluster (configured by {@link MemberSetup}). It logs every member that joins
 * or leaves by node name, with the membership after the change; its health is JOINED while every configured member
 * is there, PARTIAL while some are missing (the node still works; the others' share of the data is served by the
 * backups) and LEFT once this member is out. A node that comes back joins again by itself: the configured members
 * are tried at start, and Hazelcast keeps looking for the missing ones, so no operator step is needed.
 */
public final class MemberNode implements ClusterNode {
    private static final Logger LOG = LoggerFactory.getLogger(MemberNode.class);
    private static final long VERTX_START_SECONDS = 60;

    private final ClusterConfig config;
    private final Clock clock;
    private final HazelcastInstance hazelcast;
    private final HazelcastSessionRepository sessions;
    private final Set<String> configured = new LinkedHashSet<>();
    private final AtomicReference<Since> state = new AtomicReference<>();

    private record Since(ClusterView.State state, Instant at) {
    }

    private MemberNode(ClusterConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        for (ClusterConfig.Address a : config.members()) {
            configured.add(MemberSetup.ipOf(a.host(), "hotline.cluster.members") + ":" + a.port());
        }
        configured.add(MemberSetup.ipOf(config.host(), "hotline.cluster.host") + ":" + config.port());
        LOG.info("cluster {}: node {} joining on {}:{} (members {})", config.name(), config.nodeName(),
                config.host(), config.port(), config.members());
        try {
            this.hazelcast = Hazelcast.newHazelcastInstance(MemberSetup.of(config));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not start the cluster member " + config.nodeName() + " on "
                    + config.host() + ":" + config.port() + " (hotline.cluster.host / port): " + e.getMessage(), e);
        }
        hazelcast.getCluster().addMembershipListener(new Membership());
        hazelcast.getLifecycleService().addLifecycleListener(this::lifecycle);
        this.sessions = new HazelcastSessionRepository(hazelcast);
        LOG.info("cluster {}: node {} joined; {}", config.name(), config.nodeName(), view().describe());
    }

    /** Starts the member and joins the configured members it can reach (alone if none answers yet). */
    static MemberNode join(ClusterConfig config, Clock clock) {
        return new MemberNode(config, clock);
    }

    /** The member's Hazelcast instance (the cluster-wide maps live there). */
    /** This node's name in the cluster ({@code hotline.cluster.node-name}). */
    public String nodeName() {
        return config.nodeName();
    }

    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    @Override
    public Vertx newVertx() {
        VertxOptions options = new VertxOptions();
        options.getEventBusOptions().setHost(config.eventBusHost()).setPort(config.eventBusPort())
                .setClusterPublicHost(config.eventBusHost());
        try {
            return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast))
                    .buildClustered().toCompletionStage().toCompletableFuture()
                    .get(VERTX_START_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("could not start the clustered Vert.x: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the clustered Vert.x", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the clustered Vert.x did not start within " + VERTX_START_SECONDS + " s",
                    e);
        }
    }

    @Override
    public SessionRepository sessions() {
        return sessions;
    }

    @Override
    public HealthCheck health() {
        return () -> {
            ClusterView view = view();
            Instant since = sinceOf(view.state());
            return List.of(new ComponentHealth("cluster", ComponentKind.CLUSTER, view.state().name(),
                    view.state() == ClusterView.State.JOINED, since, view.describe()));
        };
    }

    @Override
    public ClusterView view() {
        if (!hazelcast.getLifecycleService().isRunning()) {
            return new ClusterView(ClusterView.State.LEFT, configured.size(), List.of(), List.copyOf(configured));
        }
        try {
            Set<Member> members = hazelcast.getCluster().getMembers();
            Map<UUID, Integer> owned = new HashMap<>();
            for (Partition p : hazelcast.getPartitionService().getPartitions()) {
                Member owner = p.getOwner();
                if (owner != null) {
                    owned.merge(owner.getUuid(), 1, Integer::sum);
                }
            }
            List<ClusterView.MemberView> views = new ArrayList<>();
            Set<String> present = new LinkedHashSet<>();
            for (Member m : members) {
                String address = m.getAddress().getHost() + ":" + m.getAddress().getPort();
                present.add(address);
                views.add(new ClusterView.MemberView(nameOf(m), address, m.localMember(),
                        owned.getOrDefault(m.getUuid(), 0)));
            }
            List<String> missing = configured.stream().filter(a -> !present.contains(a)).toList();
            ClusterView.State s = missing.isEmpty() ? ClusterView.State.JOINED : ClusterView.State.PARTIAL;
            return new ClusterView(s, configured.size(), views, missing);
        } catch (RuntimeException e) {
            // the instance stopped between the check and the read
            return new ClusterView(ClusterView.State.LEFT, configured.size(), List.of(), List.copyOf(configured));
        }
    }

    /** When this node entered {@code now}; a change of state restarts the clock. */
    private Instant sinceOf(ClusterView.State now) {
        return state.updateAndGet(old -> old != null && old.state() == now ? old : new Since(now, Times.now(clock)))
                .at();
    }

    @Override
    public void close() {
        if (hazelcast.getLifecycleService().isRunning()) {
            sessions.release();
            LOG.info("cluster {}: node {} leaving", config.name(), config.nodeName());
            hazelcast.shutdown();
        }
    }

    private static String nameOf(Member m) {
        String name = m.getAttribute(MemberSetup.NODE_NAME);
        return name == null ? "(unnamed)" : name;
    }

    private void lifecycle(LifecycleEvent event) {
        switch (event.getState()) {
            case MERGING -> LOG.warn("cluster {}: node {} was cut off; merging back into the cluster", config.name(),
                    config.nodeName());
            case MERGED -> LOG.info("cluster {}: node {} merged back; {}", config.name(), config.nodeName(),
                    view().describe());
            case MERGE_FAILED -> LOG.error("cluster {}: node {} could not merge back into the cluster", config.name(),
                    config.nodeName());
            case SHUTDOWN -> LOG.info("cluster {}: node {} has left", config.name(), config.nodeName());
            default -> LOG.debug("cluster member {}: {}", config.nodeName(), event.getState());
        }
    }

    /** Logs who joined and left, by node name, with the membership after the change. */
    private final class Membership implements MembershipListener {
        @Override
        public void memberAdded(MembershipEvent event) {
            LOG.info("cluster {}: node {} joined at {}; now {}", config.name(), nameOf(event.getMember()),
                    event.getMember().getAddress(), names(event.getMembers()));
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            LOG.warn("cluster {}: node {} left (was at {}); now {}", config.name(), nameOf(event.getMember()),
                    event.getMember().getAddress(), names(event.getMembers()));
        }

        private String names(Set<Member> members) {
            return members.size() + " of " + configured.size() + " members: "
                    + members.stream().map(MemberNode::nameOf).collect(Collectors.joining(", "));
        }
    }
}
