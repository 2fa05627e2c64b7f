package org.hotline.app.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.hotline.cluster.ClusterConfig;

/** Reads the {@code hotline.cluster} block (standalone unless {@code enabled}); errors name the key. */
final class ClusterSettings {
    private ClusterSettings() {
    }

    static ClusterConfig parse(Config c) {
        try {
            List<String> members = c.getValue("members").valueType() == ConfigValueType.LIST
                    ? c.getStringList("members") : List.of(c.getString("members"));
            String nodeName = c.getString("node-name").strip();
            return new ClusterConfig(c.getBoolean("enabled"), c.getString("name").strip(),
                    nodeName.isEmpty() ? hostName() : nodeName, c.getString("host").strip(), c.getInt("port"),
                    ClusterConfig.parseMembers(members), c.getString("event-bus.host").strip(),
                    c.getInt("event-bus.port"), c.getDuration("heartbeat-timeout"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }

    /** This machine's name, cut to what a node name may be. */
    private static String hostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "hotline");
        }
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        cleaned = cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
        return cleaned.isEmpty() ? "hotline" : cleaned;
    }
}
