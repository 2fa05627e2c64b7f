package org.hotline.routing;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Hazelcast member configurations for tests: a cluster of its own (a random name), TCP-IP join on 127.0.0.1 only,
 * no multicast, no phone-home, short heartbeats so that a killed member is noticed within seconds.
 */
public final class LoopbackMembers {
    private LoopbackMembers() {
    }

    /**
     * {@code n} ports nothing listens on now, below Linux's ephemeral range (32768-60999), so that the members' own
     * outgoing connections (the first members' joins to the others) cannot take a port before its member binds it.
     */
    public static List<Integer> freePorts(int n) {
        List<Integer> ports = new ArrayList<>();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; ports.size() < n && attempt < 5_000; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            if (ports.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                ports.add(port);
            } catch (IOException taken) {
                // another one
            }
        }
        if (ports.size() < n) {
            throw new IllegalStateException("not " + n + " free ports on 127.0.0.1 between 20000 and 32000");
        }
        return ports;
    }

    /** Member {@code name} of {@code cluster} on {@code port}, joining the members on {@code ports}. */
    public static Config config(String cluster, String name, int port, List<Integer> ports) {
        Config config = new Config().setClusterName(cluster).setInstanceName(cluster + "-" + name);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.partition.count", "31");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        ports.forEach(p -> join.getTcpIpConfig().addMember("127.0.0.1:" + p));
        return config;
    }
}
