package org.hotline.reporting.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.stats.QueueStats;
import org.hotline.routing.Acd;
import org.hotline.routing.LoopbackMembers;
import org.hotline.routing.queue.QueueDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live figures of a cluster: three Hazelcast members on loopback in one JVM (each with its own partitions and
 * sockets; {@code terminate()} drops one as a crash does), each node counting the events published on it.
 */
class ClusteredLiveStatsTest {
    private static final Instant T0 = Instant.parse("2025-03-03T02:00:00Z");
    private final Clock clock = Clock.fixed(T0.plusSeconds(60), ZoneId.of("Asia/Shanghai"));
    private final String cluster = "stats-test-" + UUID.randomUUID();
    private final List<Integer> ports = LoopbackMembers.freePorts(3);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<QueueSpec> queues = List.of(new QueueSpec("support", "support", 15));
    private final Acd desk = new Acd(List.of(new QueueDefinition("support", "support", 15, Duration.ofSeconds(20),
            Duration.ofSeconds(30))), new LocalEventBus(), clock, scheduler, device -> true);

    /** One node: what it publishes itself, and its figures. */
    private record Node(HazelcastInstance hz, LocalEventBus own, LiveStats stats) {
        QueueStats support() {
            return stats.snapshot().queues().getFirst();
        }
    }

    private Node node(int i) {
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(LoopbackMembers.config(cluster, "n" + i, ports.get(i),
                ports));
        members.add(hz);
        LocalEventBus own = new LocalEventBus();
        return new Node(hz, own, LiveStats.clustered(hz, own, clock, queues, desk));
    }

    @AfterEach
    void stop() {
        members.forEach(m -> m.getLifecycleService().terminate());
        scheduler.shutdownNow();
    }

    @Test
    void everyNodeShowsTheSameFiguresWhateverNodeTheCallsWentThrough() {
        Node a = node(0);
        Node b = node(1);
        a.own().publish(new CallQueued("c1", "support", 0, false, T0));
        a.own().publish(new CallAnswered("c1", "support", "agent1", T0.plusSeconds(10)));
        b.own().publish(new CallQueued("c2", "support", 0, false, T0.plusSeconds(20)));
        b.own().publish(new CallAbandoned("c2", "support", Duration.ofSeconds(30), T0.plusSeconds(50)));
        b.own().publish(new CallQueued("c3", "support", 0, false, T0.plusSeconds(40)));

        assertThat(b.support().offered()).as("a node's own calls show on it at once").isGreaterThanOrEqualTo(2);
        // the other node's batch of events follows within ClusterCounts.FLUSH
        await(() -> a.support().offered() == 3 && b.support().offered() == 3);
        for (Node n : List.of(a, b)) {
            QueueStats q = n.support();
            assertThat(q.offered()).isEqualTo(3);
            assertThat(q.answered()).isEqualTo(1);
            assertThat(q.abandoned()).isEqualTo(1);
            assertThat(q.waiting()).isEqualTo(1);
            assertThat(q.longestWaitSeconds()).isEqualTo(20);
        }
        assertThat(a.stats().snapshot().agents()).isEmpty();
    }

    @Test
    void aNodeThatJoinsLateOrOutlivesAnotherDoesNotStartTheDayFromZero() {
        Node a = node(0);
        Node b = node(1);
        a.own().publish(new CallQueued("c1", "support", 0, false, T0));
        a.own().publish(new CallAnswered("c1", "support", "agent1", T0.plusSeconds(5)));
        assertThat(a.support().answered()).as("folded by the node's own read").isEqualTo(1);
        await(() -> b.hz().getPartitionService().isClusterSafe());

        Node late = node(2);
        assertThat(late.support().answered()).as("a node that joins late").isEqualTo(1);

        a.hz().getLifecycleService().terminate();
        await(() -> late.hz().getCluster().getMembers().size() == 2);
        assertThat(b.support().answered()).as("after the loss of the node that counted the call").isEqualTo(1);
        assertThat(late.support().offered()).isEqualTo(1);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
