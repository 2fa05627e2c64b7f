package org.hotline.cluster.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.cluster.MemberNode;
import org.hotline.cluster.TestMembers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three Hazelcast members on loopback in one JVM ({@link TestMembers}) competing for one switch link
 * ({@code terminate()} drops a member as a crash does: no goodbye, its locks are released when the others take it
 * out).
 */
class SwitchLinkLeaseTest {
    private TestMembers cluster;
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<SwitchLinkLease> leases = new ArrayList<>();
    private final List<String> connects = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        leases.forEach(SwitchLinkLease::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void oneNodeHoldsTheLinkAndWhenItDiesAnotherTakesItOverWithNoManualStep() {
        start(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> leases.stream().filter(SwitchLinkLease::heldHere).count() == 1);
        int holder = holderIndex();
        assertThat(connects).containsExactly("node" + holder);
        assertThat(leases.get((holder + 1) % 3).holder()).isEqualTo("node" + holder);

        long killedAt = System.nanoTime();
        members.get(holder).getLifecycleService().terminate();

        await().atMost(Duration.ofSeconds(30)).until(() -> survivors(holder).anyMatch(SwitchLinkLease::heldHere));
        SwitchLinkLease next = survivors(holder).filter(SwitchLinkLease::heldHere).findFirst().orElseThrow();
        assertThat(survivors(holder).filter(SwitchLinkLease::heldHere).count()).isEqualTo(1);
        assertThat(connects).hasSize(2);
        System.out.printf("switch link taken over %d ms after its holder was killed%n",
                (next.acquiredAtNanos() - killedAt) / 1_000_000);
    }

    @Test
    void aNodeThatStopsGivesTheLinkUpAtOnce() {
        start(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> leases.stream().anyMatch(SwitchLinkLease::heldHere));
        int holder = holderIndex();

        leases.get(holder).close();

        // released before close returns; the other node may take it at once, right after
        assertThat(connects).startsWith("node" + holder, "released by node" + holder);
        await().atMost(Duration.ofSeconds(20)).until(() -> leases.get(1 - holder).heldHere() && connects.size() == 3);
        assertThat(connects).containsExactly("node" + holder, "released by node" + holder, "node" + (1 - holder));
    }

    private java.util.stream.Stream<SwitchLinkLease> survivors(int dead) {
        List<SwitchLinkLease> alive = new ArrayList<>(leases);
        alive.remove(dead);
        return alive.stream();
    }

    private int holderIndex() {
        for (int i = 0; i < leases.size(); i++) {
            if (leases.get(i).heldHere()) {
                return i;
            }
        }
        throw new AssertionError("no holder");
    }

    private void start(int n) {
        cluster = new TestMembers(n);
        for (MemberNode node : cluster.startAll()) {
            members.add(node.hazelcast());
        }
        for (int i = 0; i < n; i++) {
            String name = "node" + i;
            leases.add(new SwitchLinkLease(members.get(i), "asterisk-1", name, () -> connects.add(name),
                    () -> connects.add("released by " + name)).start());
        }
    }
}
