package org.hotline.cluster.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three Hazelcast members on loopback in one JVM competing for one switch link ({@code terminate()} drops a member
 * as a crash does: no goodbye, the others find out by the heartbeat timeout, here 3 s).
 */
class SwitchLinkLeaseTest {
    private final String cluster = "lease-test-" + UUID.randomUUID();
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<SwitchLinkLease> leases = new ArrayList<>();
    private final List<String> connects = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        leases.forEach(SwitchLinkLease::close);
        members.forEach(m -> m.getLifecycleService().terminate());
    }

    @Test
    void oneNodeHoldsTheLinkAndWhenItDiesAnotherTakesItOverWithNoManualStep() throws Exception {
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
    void aNodeThatStopsGivesTheLinkUpAtOnce() throws Exception {
        start(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> leases.stream().anyMatch(SwitchLinkLease::heldHere));
        int holder = holderIndex();

        leases.get(holder).close();

        assertThat(connects).containsExactly("node" + holder, "released by node" + holder);
        await().atMost(Duration.ofSeconds(20)).until(() -> leases.get(1 - holder).heldHere());
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

    private void start(int n) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports.add(s.getLocalPort());
            }
        }
        for (int i = 0; i < n; i++) {
            members.add(Hazelcast.newHazelcastInstance(config(i, ports)));
        }
        for (int i = 0; i < n; i++) {
            String name = "node" + i;
            leases.add(new SwitchLinkLease(members.get(i), "asterisk-1", name, () -> connects.add(name),
                    () -> connects.add("released by " + name)).start());
        }
    }

    private Config config(int i, List<Integer> ports) {
        Config config = new Config().setClusterName(cluster).setInstanceName(cluster + "-" + i);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "3");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().setPort(ports.get(i)).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        ports.forEach(p -> join.getTcpIpConfig().addMember("127.0.0.1:" + p));
        return config;
    }
}
