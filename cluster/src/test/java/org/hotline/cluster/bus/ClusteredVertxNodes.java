package org.hotline.cluster.bus;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Clustered Vert.x instances on loopback in this JVM, each over its own Hazelcast member: real TCP between them
 * (Hazelcast's for membership, Vert.x's own event-bus connections for messages), as between machines.
 */
final class ClusteredVertxNodes implements AutoCloseable {
    final List<Vertx> nodes = new ArrayList<>();

    ClusteredVertxNodes(int count) throws Exception {
        String cluster = "bus-test-" + UUID.randomUUID();
        List<Integer> ports = freePorts(count);
        for (int i = 0; i < count; i++) {
            VertxOptions options = new VertxOptions();
            options.getEventBusOptions().setHost("127.0.0.1").setPort(0).setClusterPublicHost("127.0.0.1");
            nodes.add(Vertx.builder().with(options)
                    .withClusterManager(new HazelcastClusterManager(config(cluster, i, ports)))
                    .buildClustered().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS));
        }
    }

    private static Config config(String cluster, int i, List<Integer> ports) {
        Config config = new Config().setClusterName(cluster).setInstanceName(cluster + "-" + i);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
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

    private static List<Integer> freePorts(int n) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports.add(s.getLocalPort());
            }
        }
        return ports;
    }

    @Override
    public void close() throws Exception {
        for (Vertx v : nodes) {
            v.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
