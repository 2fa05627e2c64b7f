package org.hotline.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How this node takes part in a cluster. Standalone ({@code enabled = false}, the default) uses none of the rest:
 * no Hazelcast, no port. Clustered, the node is a Hazelcast member listening on {@code host:port} that joins the
 * other {@code members} by TCP (no multicast, no auto-detection: a contact centre's network lists its nodes), and
 * its Vert.x event bus listens on {@code eventBusHost:eventBusPort} for the other nodes' direct connections.
 *
 * @param enabled          clustered or standalone
 * @param name             the cluster's name: members with another name never join (two clusters on one network)
 * @param nodeName         this node in logs and health ({@code node-a}); never blank
 * @param host             the address this member binds and is reached at (an IP or a resolvable host name)
 * @param port             the Hazelcast member port
 * @param members          every node of the cluster as {@code host:port}, this one may be listed too (the same list
 *                         on every node); health is PARTIAL while fewer are members
 * @param eventBusHost     where the clustered event bus listens and is reached at (blank: {@code host})
 * @param eventBusPort     the event bus port (0: any free port, announced through the cluster)
 * @param heartbeatTimeout a member silent this long is taken out of the cluster
 */
public record ClusterConfig(boolean enabled, String name, String nodeName, String host, int port,
                            List<Address> members, String eventBusHost, int eventBusPort, Duration heartbeatTimeout) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final int DEFAULT_PORT = 5701;

    /** One member's address. */
    public record Address(String host, int port) {
        public Address {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("no host");
            }
            checkPort(port, "port", 1);
        }

        /** {@code host:port} or {@code [v6]:port}. */
        public static Address parse(String value) {
            String v = value.strip();
            int colon = v.lastIndexOf(':');
            if (colon <= 0 || colon == v.length() - 1) {
                throw new IllegalArgumentException("'" + v + "' is not host:port");
            }
            String host = v.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                throw new IllegalArgumentException("'" + v + "' is not host:port (an IPv6 address goes in [ ])");
            }
            int port;
            try {
                port = Integer.parseInt(v.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + v + "' is not host:port (the port is not a number)");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("'" + v + "': the port must be 1..65535");
            }
            return new Address(host, port);
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public ClusterConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(eventBusHost, "eventBusHost");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        members = List.copyOf(new LinkedHashSet<>(members));
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("hotline.cluster.name must be 1-64 letters, digits, '.', '_' or '-',"
                    + " was '" + name + "'");
        }
        if (!NAME.matcher(nodeName).matches()) {
            throw new IllegalArgumentException("hotline.cluster.node-name must be 1-64 letters, digits, '.', '_' or"
                    + " '-', was '" + nodeName + "'");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("hotline.cluster.host must not be blank");
        }
        checkPort(port, "hotline.cluster.port", 1);
        checkPort(eventBusPort, "hotline.cluster.event-bus.port", 0);
        if (heartbeatTimeout.compareTo(Duration.ofSeconds(2)) < 0 || heartbeatTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("hotline.cluster.heartbeat-timeout must be 2s..5m, was " + heartbeatTimeout);
        }
        if (enabled && members.isEmpty()) {
            throw new IllegalArgumentException("hotline.cluster.members is empty: a clustered node needs the list of"
                    + " the cluster's nodes, host:port comma-separated (e.g. 10.0.0.1:5701,10.0.0.2:5701)");
        }
        if (enabled && eventBusPort != 0 && eventBusPort == port
                && (eventBusHost.isBlank() || eventBusHost.equals(host))) {
            throw new IllegalArgumentException("hotline.cluster.event-bus.port must differ from hotline.cluster.port");
        }
    }

    /** The default: one node, no cluster. */
    public static ClusterConfig standalone() {
        return new ClusterConfig(false, "hotline", "hotline", "127.0.0.1", DEFAULT_PORT, List.of(), "", 0,
                Duration.ofSeconds(10));
    }

    /** A comma-separated member list ({@code 10.0.0.1:5701, 10.0.0.2:5701}); blank entries are skipped. */
    public static List<Address> parseMembers(List<String> entries) {
        List<Address> out = new ArrayList<>();
        for (String entry : entries) {
            for (String one : entry.split(",")) {
                if (one.isBlank()) {
                    continue;
                }
                try {
                    out.add(Address.parse(one));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("hotline.cluster.members entry " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** Where the event bus listens: {@code eventBusHost}, or {@code host} when that is blank. */
    @Override
    public String eventBusHost() {
        return eventBusHost.isBlank() ? host : eventBusHost;
    }

    /** This member's own address. */
    public Address self() {
        return new Address(host, port);
    }

    /** How many members a whole cluster has: the listed ones and this one. */
    public int expectedMembers() {
        Set<Address> all = new LinkedHashSet<>(members);
        all.add(self());
        return all.size();
    }

    private static void checkPort(int port, String key, int min) {
        if (port < min || port > 65_535) {
            throw new IllegalArgumentException(key + " must be " + min + "..65535, was " + port);
        }
    }
}
