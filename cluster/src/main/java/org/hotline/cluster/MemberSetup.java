package org.hotline.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.hotline.cluster.session.HazelcastSessionRepository;

/**
 * The Hazelcast member configuration of a node, built in code (no XML on the class path to shadow it): TCP-IP join
 * on the configured members only, multicast and cloud auto-detection off (the workplace's and most contact centres'
 * networks allow neither), phone-home off, a short heartbeat timeout (a crashed node's event-bus subscriptions
 * linger until it is taken out), Hazelcast's shutdown hook off (the node stops Vert.x first, then the member), and
 * what Vert.x needs of an instance it is given rather than creates: the {@code __vertx.nodeId} member attribute and
 * its subscription and node maps with one backup. The session map is the session repository's.
 */
final class MemberSetup {
    /** Member attribute: the node's {@code hotline.cluster.node-name}, for logs and health. */
    static final String NODE_NAME = "hotline.node";
    /** Member attribute Vert.x reads its node id from when it is handed an instance. */
    static final String VERTX_NODE_ID = "__vertx.nodeId";

    private MemberSetup() {
    }

    static Config of(ClusterConfig c) {
        Config config = new Config();
        config.setClusterName(c.name());
        config.setInstanceName("hotline-" + c.nodeName() + "-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        long heartbeat = Math.max(2, c.heartbeatTimeout().toSeconds());
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(heartbeat));
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // a member cut off from the others merges back after this long (the default waits five minutes first)
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "10");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "10");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(c.port()).setPortAutoIncrement(false);
        String ip = ipOf(c.host(), "hotline.cluster.host");
        network.getInterfaces().setEnabled(true).addInterface(ip);
        network.setPublicAddress(ip + ":" + c.port());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2);
        for (ClusterConfig.Address member : c.members()) {
            join.getTcpIpConfig().addMember(member.toString());
        }
        config.getJetConfig().setEnabled(false);
        // Hazelcast's own metrics are for its Management Center, which Hotline does not use: collecting them every
        // few seconds was a steady cost of every node at rest; the node's health says what an operator needs
        config.getMetricsConfig().setEnabled(false);

        config.getMemberAttributeConfig().setAttribute(NODE_NAME, c.nodeName());
        config.getMemberAttributeConfig().setAttribute(VERTX_NODE_ID, UUID.randomUUID().toString());
        config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
                .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
        config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
        HazelcastSessionRepository.configure(config);
        return config;
    }

    /** The IP of {@code host} (Hazelcast's interface list and the member addresses compare by IP). */
    static String ipOf(String host, String key) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) {
                throw new IllegalArgumentException(key + " must be an address the other nodes reach this one at, not "
                        + host);
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(key + ": cannot resolve '" + host + "'", e);
        }
    }
}
