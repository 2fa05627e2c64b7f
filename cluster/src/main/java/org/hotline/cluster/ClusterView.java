package org.hotline.cluster;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The membership as one node sees it: its state, every member with the share of the data it owns, and the configured
 * members that are not there. What the health says and what the operator reads.
 *
 * @param state    STANDALONE, JOINED, PARTIAL or LEFT
 * @param expected how many members a whole cluster has (the configured ones and this one); 1 alone
 * @param members  the members now, oldest first (the oldest coordinates the cluster); empty when alone or left
 * @param missing  configured members not in the cluster now, as {@code host:port}
 */
public record ClusterView(State state, int expected, List<MemberView> members, List<String> missing) {
    /** Where this node stands. */
    public enum State {
        /** Not clustered (hotline.cluster.enabled = false): nothing to join, nothing missing. */
        STANDALONE,
        /** Every configured member is in the cluster. */
        JOINED,
        /** Fewer members than configured: a node is down or cannot be reached (the node still works). */
        PARTIAL,
        /** This node is no longer a member (stopped, or cut off and shut down by Hazelcast). */
        LEFT
    }

    /**
     * One member.
     *
     * @param name       its {@code hotline.cluster.node-name}
     * @param address    its Hazelcast address
     * @param local      whether it is this node
     * @param partitions how many of the data's partitions it owns (sessions, and later queues and agents)
     */
    public record MemberView(String name, String address, boolean local, int partitions) {
    }

    public ClusterView {
        members = List.copyOf(members);
        missing = List.copyOf(missing);
    }

    /** For the health's detail: "3 of 3 members: node-a (this node, 90 partitions), node-b (91 partitions), ...". */
    public String describe() {
        return switch (state) {
            case STANDALONE -> "standalone: no cluster (hotline.cluster.enabled = false)";
            case LEFT -> "not a member of the cluster any more";
            case JOINED, PARTIAL -> members.size() + " of " + expected + " members: " + members.stream()
                    .map(m -> m.name() + " at " + m.address() + " (" + (m.local() ? "this node, " : "")
                            + m.partitions() + " partitions)")
                    .collect(Collectors.joining(", "))
                    + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing));
        };
    }
}
