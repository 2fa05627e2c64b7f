package org.hotline.app.cluster;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.hotline.app.lifecycle.Lifecycle;
import org.hotline.cluster.ClusterNode;
import org.hotline.cluster.MemberNode;
import org.hotline.cluster.bus.ClusterEventBus;
import org.hotline.cluster.bus.VertxNodeRequests;
import org.hotline.cluster.link.SwitchLinkLease;
import org.hotline.interactions.switchlink.LinkedSwitch;
import org.hotline.platform.cluster.NodeRequests;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.ComponentKind;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.telephony.DevicePresence;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.reporting.live.LiveStats;
import org.hotline.reporting.live.QueueSpec;
import org.hotline.routing.Acd;
import org.hotline.routing.CallDistributor;
import org.hotline.routing.ClusteredAcd;
import org.hotline.routing.queue.QueueDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What differs between a node alone and a member of a cluster, decided once, here, from its {@link ClusterNode}: the
 * event bus, the ACD, the live statistics and the switch. The node's wiring asks it for each and never asks "are we
 * clustered?".
 *
 * <table>
 *   <caption>State and where it lives</caption>
 *   <tr><th>part</th><th>alone</th><th>member of a cluster</th></tr>
 *   <tr><td>events</td><td>{@link LocalEventBus}</td><td>{@link ClusterEventBus}: every node's events reach every
 *       node; each node's own apart</td></tr>
 *   <tr><td>ACD (agents, queues, reservations, ring and wrap-up timers)</td><td>{@link Acd}</td>
 *       <td>{@link ClusteredAcd}: one Hazelcast entry and its backup</td></tr>
 *   <tr><td>live statistics</td><td>this node's counts</td><td>one Hazelcast entry</td></tr>
 *   <tr><td>the switch's link (simulator; Asterisk's AMI)</td><td>this node</td>
 *       <td>one node at a time ({@link SwitchLinkLease}); the others reach its ports through it
 *       ({@link LinkedSwitch})</td></tr>
 *   <tr><td>calls coming in (Asterisk's FastAGI server)</td><td>this node</td><td>every node; the link's holder
 *       follows their calls over AMI</td></tr>
 * </table>
 */
public sealed interface NodeShape {
    /** How long a node waits for the switch link's holder to carry a request out. */
    Duration SWITCH_TIMEOUT = Duration.ofSeconds(10);

    static NodeShape of(ClusterNode node, Vertx vertx) {
        return node instanceof MemberNode member ? new Member(member, vertx) : new Alone();
    }

    /**
     * The switch as the rest of the node sees it: {@code ports} to use, and the {@code lifecycle} that runs the
     * switch's link where it belongs (stopped first, as the node's intake).
     */
    record SwitchLink(SwitchPorts ports, Lifecycle lifecycle) {
    }

    /** The other nodes, to ask and to tell (empty on a node alone, which has none). */
    Optional<NodeRequests> peers();

    /** Whether this node holds the switch's link now (a node alone always does). */
    boolean holdsLink();

    /** Whether some node of the cluster holds the switch's link now (a node alone always does). */
    boolean linkHeld();

    /** The node's event bus: what its parts publish and follow. */
    EventBus bus();

    /** The events published on this node only: what a part follows that must act once per event in the cluster. */
    EventBus ownEvents();

    CallDistributor acd(List<QueueDefinition> queues, Clock clock, ScheduledExecutorService timers,
                        DevicePresence presence);

    LiveStats stats(Clock clock, List<QueueSpec> queues, AgentDesk desk);

    /**
     * The cluster's events, delivered while this node holds the switch's link: for the part that must follow every
     * call once in the cluster and is fed where the calls come in (the call recorder).
     */
    EventBus whileHoldingLink();

    /**
     * The switch's part of the node's health: its own (AMI links, FastAGI, the simulator) where the link runs; on a
     * member that does not hold it, which node does ({@code switch link}: HELD here, STANDBY with the holder named,
     * or down when no node holds it and no call can come in).
     */
    HealthCheck switchHealth(HealthCheck own);

    /**
     * The switch for the rest of the node, given its own ports and {@code link} (the telephony profile's start and
     * stop): alone, both as they are; in a cluster, ports that reach the holder, and a link run on the one member
     * that holds its lease, taken over when that member dies.
     */
    SwitchLink switchLink(String name, SwitchPorts own, Lifecycle link);

    /** A node alone: everything here, as Hotline always ran. */
    final class Alone implements NodeShape {
        private final LocalEventBus bus = new LocalEventBus();

        @Override
        public Optional<NodeRequests> peers() {
            return Optional.empty();
        }

        @Override
        public boolean holdsLink() {
            return true;
        }

        @Override
        public boolean linkHeld() {
            return true;
        }

        @Override
        public EventBus bus() {
            return bus;
        }

        @Override
        public EventBus ownEvents() {
            return bus;
        }

        @Override
        public CallDistributor acd(List<QueueDefinition> queues, Clock clock, ScheduledExecutorService timers,
                                   DevicePresence presence) {
            return new Acd(queues, bus, clock, timers, presence);
        }

        @Override
        public LiveStats stats(Clock clock, List<QueueSpec> queues, AgentDesk desk) {
            return new LiveStats(bus, clock, queues, desk);
        }

        @Override
        public EventBus whileHoldingLink() {
            return bus;
        }

        @Override
        public HealthCheck switchHealth(HealthCheck own) {
            return own;
        }

        @Override
        public SwitchLink switchLink(String name, SwitchPorts own, Lifecycle link) {
            return new SwitchLink(own, link);
        }
    }

    /** A member of a cluster: the shared state in Hazelcast, the events over the clustered Vert.x bus. */
    final class Member implements NodeShape {
        private static final Logger LOG = LoggerFactory.getLogger(Member.class);

        private final MemberNode node;
        private final ClusterEventBus bus;
        private final VertxNodeRequests requests;
        private volatile SwitchLinkLease lease;

        Member(MemberNode node, Vertx vertx) {
            this.node = node;
            this.bus = new ClusterEventBus(vertx, node.nodeName());
            this.requests = new VertxNodeRequests(vertx);
        }

        @Override
        public Optional<NodeRequests> peers() {
            return Optional.of(requests);
        }

        @Override
        public boolean holdsLink() {
            SwitchLinkLease l = lease;
            return l != null && l.heldHere();
        }

        @Override
        public boolean linkHeld() {
            SwitchLinkLease l = lease;
            return l != null && (l.heldHere() || !l.holder().isEmpty());
        }

        @Override
        public EventBus bus() {
            return bus;
        }

        @Override
        public EventBus ownEvents() {
            return bus.ownEvents();
        }

        @Override
        public CallDistributor acd(List<QueueDefinition> queues, Clock clock, ScheduledExecutorService timers,
                                   DevicePresence presence) {
            return new ClusteredAcd(node.hazelcast(), queues, bus, bus.ownEvents(), clock, timers, presence);
        }

        @Override
        public LiveStats stats(Clock clock, List<QueueSpec> queues, AgentDesk desk) {
            return LiveStats.clustered(node.hazelcast(), bus.ownEvents(), clock, queues, desk);
        }

        @Override
        public EventBus whileHoldingLink() {
            return new EventBus() {
                @Override
                public void publish(HotlineEvent event) {
                    bus.publish(event);
                }

                @Override
                public <T extends HotlineEvent> Subscription subscribe(Class<T> type, Consumer<? super T> listener) {
                    return bus.subscribe(type, e -> {
                        if (holdsLink()) {
                            listener.accept(e);
                        }
                    });
                }
            };
        }

        @Override
        public HealthCheck switchHealth(HealthCheck own) {
            Instant startedAt = Instant.now();
            return () -> {
                SwitchLinkLease l = lease;
                if (l != null && l.heldHere()) {
                    List<ComponentHealth> parts = new ArrayList<>(own.components());
                    parts.add(link("HELD", true, startedAt, "this node (" + node.nodeName() + ") holds the switch"
                            + " link: calls come in here"));
                    return parts;
                }
                String holder = l == null ? "" : l.holder();
                return List.of(holder.isEmpty()
                        ? link("NONE", false, startedAt, "no node holds the switch link: no call can come in")
                        : link("STANDBY", true, startedAt, "held by " + holder
                                + "; this node takes it over if that node stops"));
            };
        }

        private static ComponentHealth link(String state, boolean up, Instant since, String detail) {
            return new ComponentHealth("switch link", ComponentKind.CLUSTER, state, up, since, detail);
        }

        @Override
        public SwitchLink switchLink(String name, SwitchPorts own, Lifecycle link) {
            LinkedSwitch linked = new LinkedSwitch(own, this::holdsLink, requests, SWITCH_TIMEOUT);
            return new SwitchLink(linked.ports(), new Lifecycle() {
                private volatile NodeRequests.Serving serving;

                @Override
                public String name() {
                    return "switch link " + name + " (while this node holds it)";
                }

                @Override
                public void start() {
                    lease = new SwitchLinkLease(node.hazelcast(), name, node.nodeName(), () -> {
                        try {
                            link.start();
                        } catch (Exception e) {
                            LOG.error("switch link {} did not start on this node", name, e);
                        }
                        serving = linked.serve();
                    }, () -> {
                        NodeRequests.Serving s = serving;
                        if (s != null) {
                            s.close();
                        }
                    }).start();
                }

                @Override
                public void close() throws Exception {
                    SwitchLinkLease l = lease;
                    if (l != null) {
                        l.close();
                    }
                    link.close();
                }
            });
        }
    }
}
