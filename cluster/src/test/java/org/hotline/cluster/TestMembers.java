package org.hotline.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Members of one test cluster on 127.0.0.1, each on its own free port, all in this JVM. Every member is a full
 * Hazelcast member with its own instance, threads, sockets and partition table; they talk over real TCP on loopback
 * exactly as separate JVMs would (Hazelcast shares nothing between instances of one JVM), so membership, backups,
 * failure detection and rejoin behave as across machines. What one JVM cannot show (a process's memory limits, a GC
 * pause) is not what these tests check.
 */
public final class TestMembers implements AutoCloseable {
    static final Duration JOIN = Duration.ofSeconds(60);

    private final String clusterName = "test-" + Long.toHexString(System.nanoTime());
    private final List<Integer> ports;
    private final List<ClusterNode> started = new ArrayList<>();

    public TestMembers(int count) {
        ports = freePorts(count);
    }

    /** The config of member {@code i} (0-based), every member listed. */
    ClusterConfig config(int i) {
        return new ClusterConfig(true, clusterName, "node-" + (char) ('a' + i), "127.0.0.1", ports.get(i),
                ports.stream().map(p -> new ClusterConfig.Address("127.0.0.1", p)).toList(), "", 0,
                Duration.ofSeconds(4));
    }

    public MemberNode start(int i) {
        MemberNode node = (MemberNode) ClusterNode.start(config(i), Clock.systemUTC());
        started.add(node);
        return node;
    }

    public List<MemberNode> startAll() {
        List<MemberNode> nodes = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            nodes.add(start(i));
        }
        for (MemberNode n : nodes) {
            await().atMost(JOIN).until(() -> n.view().state() == ClusterView.State.JOINED);
        }
        awaitSafe(nodes.getFirst());
        return nodes;
    }

    /** Waits until every partition has its owner and its backup in place (the partitions migrate after a join). */
    public static void awaitSafe(MemberNode node) {
        await().atMost(JOIN).until(() -> node.hazelcast().getPartitionService().isClusterSafe());
    }

    int port(int i) {
        return ports.get(i);
    }

    static List<Integer> freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe
                }
            }
        }
    }

    @Override
    public void close() {
        for (ClusterNode n : started) {
            try {
                n.close();
            } catch (RuntimeException ignored) {
                // a terminated member
            }
        }
    }
}
