package org.hotline.routing;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.routing.queue.QueueDefinition;

/**
 * Three Hazelcast members on loopback, each with its own {@link ClusteredAcd}, buses and scheduler, in one JVM. One
 * JVM is as good as three for what these tests check: each member has its own partitions, partition threads and TCP
 * connections to the others, so every command from a node that does not own the ACD's entry crosses a socket, and
 * {@code terminate()} drops a member as a crash does (no goodbye, its entry's backup is promoted elsewhere).
 *
 * <p>The buses stand in for the cluster's event bus: what a node publishes reaches every live node's bus (a
 * Hazelcast topic, ordered per publishing member), and the switch's events a node saw itself also go to its own
 * {@code switchEvents}.
 */
final class ClusterFixture implements AutoCloseable {
    static final Duration SHORT_WRAP_UP = Duration.ofMillis(200);
    static final Duration RING_TIMEOUT = Duration.ofSeconds(20);

    final List<Member> members = new ArrayList<>();
    private final String cluster = "acd-test-" + UUID.randomUUID();
    private final Duration wrapUp;

    /** One node: its Hazelcast member, the events it saw (in order), and its ACD. */
    final class Member {
        final String name;
        final HazelcastInstance hz;
        final LocalEventBus bus = new LocalEventBus();
        final LocalEventBus switchEvents = new LocalEventBus();
        final List<HotlineEvent> seen = new CopyOnWriteArrayList<>();
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        final ClusteredAcd acd;
        private final ITopic<HotlineEvent> topic;
        private final List<HotlineEvent> held = new ArrayList<>();
        private boolean deaf;

        Member(String name, int port, List<Integer> ports, Set<String> offline) {
            this.name = name;
            this.hz = Hazelcast.newHazelcastInstance(config(name, port, ports));
            this.topic = hz.getTopic("hotline.test.events");
            topic.addMessageListener(m -> {
                synchronized (held) {
                    if (deaf) {
                        held.add(m.getMessageObject());
                        return;
                    }
                }
                bus.publish(m.getMessageObject());
            });
            bus.subscribe(HotlineEvent.class, seen::add);
            this.acd = new ClusteredAcd(hz, queues(wrapUp), new TopicBus(this), switchEvents, Clock.systemUTC(),
                    scheduler, device -> !offline.contains(device));
        }

        /** Holds back what the other nodes publish, as a slow link between nodes would, until {@link #hear}. */
        void deafen() {
            synchronized (held) {
                deaf = true;
            }
        }

        /** Delivers what was held back, in order, and hears again. */
        void hear() {
            List<HotlineEvent> late;
            synchronized (held) {
                deaf = false;
                late = List.copyOf(held);
                held.clear();
            }
            late.forEach(bus::publish);
        }

        /** The switch of this node reports {@code e}: every node sees it, this node's ACD follows it. */
        void switchReports(HotlineEvent e) {
            switchEvents.publish(e);
            topic.publish(e);
        }

        boolean owner() {
            var owner = hz.getPartitionService().getPartition(ClusteredAcd.KEY).getOwner();
            return owner != null && owner.localMember();
        }

        void kill() {
            acd.close();
            hz.getLifecycleService().terminate();
            scheduler.shutdownNow();
        }
    }

    /** The node's bus as the ACD sees it: what the ACD publishes goes to every node. */
    private record TopicBus(Member member) implements EventBus {
        @Override
        public void publish(HotlineEvent event) {
            member.topic.publish(event);
        }

        @Override
        public <T extends HotlineEvent> Subscription subscribe(Class<T> type, Consumer<? super T> listener) {
            return member.bus.subscribe(type, listener);
        }
    }

    ClusterFixture(int size, Set<String> offline) {
        this(size, offline, SHORT_WRAP_UP);
    }

    ClusterFixture(int size, Set<String> offline, Duration wrapUp) {
        this.wrapUp = wrapUp;
        List<Integer> ports = LoopbackMembers.freePorts(size);
        for (int i = 0; i < size; i++) {
            members.add(new Member("node" + (char) ('A' + i), ports.get(i), ports, offline));
        }
        await("all members joined", () -> members.getFirst().hz.getCluster().getMembers().size() == size);
        // the ACD's entry was made on the first member alone: wait until its backup exists elsewhere
        await("the cluster is safe", () -> members.stream().allMatch(m -> m.hz.getPartitionService().isClusterSafe()));
    }

    Member member(int i) {
        return members.get(i);
    }

    /** The live member that owns the ACD's entry (after a loss, once its backup has been promoted). */
    Member owner() {
        await("a live member owns the ACD", () -> live().anyMatch(Member::owner));
        return live().filter(Member::owner).findFirst().orElseThrow();
    }

    Member notOwner() {
        Member owner = owner();
        return live().filter(m -> m != owner).findFirst().orElseThrow();
    }

    private java.util.stream.Stream<Member> live() {
        return members.stream().filter(m -> m.hz.getLifecycleService().isRunning());
    }

    static List<QueueDefinition> queues(Duration wrapUp) {
        return List.of(new QueueDefinition("support", "support", 15, RING_TIMEOUT, wrapUp),
                new QueueDefinition("sales", "sales", 20, RING_TIMEOUT, wrapUp));
    }

    /** Polls {@code condition} for at most 30 s; fails with {@code what} if it never holds. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }

    private Config config(String name, int port, List<Integer> ports) {
        return LoopbackMembers.config(cluster, name, port, ports).addMapConfig(ClusteredAcd.mapConfig());
    }

    @Override
    public void close() {
        for (Member m : members) {
            if (m.hz.getLifecycleService().isRunning()) {
                m.acd.close();
                m.hz.getLifecycleService().terminate();
            }
            m.scheduler.shutdownNow();
        }
    }
}
