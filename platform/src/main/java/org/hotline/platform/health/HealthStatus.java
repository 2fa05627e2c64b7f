package org.hotline.platform.health;

/** A node's overall health. */
public enum HealthStatus {
    /** Every part is up. */
    UP,
    /** The node takes and records calls, but a switch link or the call server is down. */
    DEGRADED,
    /** The database is down: calls cannot be recorded, nobody can log in. */
    DOWN
}
