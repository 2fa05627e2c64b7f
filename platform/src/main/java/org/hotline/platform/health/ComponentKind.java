package org.hotline.platform.health;

/** What sort of part a {@link ComponentHealth} is; the kind decides what its being down does to the node's health. */
public enum ComponentKind {
    /** The database: without it nothing is recorded, so the node is DOWN. */
    DATABASE,
    /** A connection to one switch (an AMI link): down, the node is DEGRADED (hang-ups, transfers, phones unseen). */
    SWITCH_LINK,
    /** Where calls arrive from the switch (the FastAGI server): down, the node is DEGRADED. */
    CALL_SERVER,
    /** The built-in simulated switch. */
    SIMULATOR,
    /**
     * This node's membership of the cluster: STANDALONE or JOINED is up; PARTIAL (a configured member missing) or
     * LEFT is down, the node DEGRADED (it still takes calls).
     */
    CLUSTER
}
