package org.hotline.platform.health;

import java.time.Instant;
import java.util.Objects;

/**
 * One part of a node as its owner sees it now: the database, one AMI link, the FastAGI server, the simulator.
 *
 * @param name   unique within a node, e.g. {@code database}, {@code ami:pbx1}, {@code fastagi}, {@code simulator}
 * @param kind   what sort of part it is, which decides what its being down means for the node
 * @param state  the part's own state name (UP / DOWN, CONNECTED / RECONNECTING / ..., LISTENING / STOPPED / ...)
 * @param up     whether the part does its job in that state
 * @param since  when it entered that state
 * @param detail for supervisors: where it points or why it is down (never a secret); may be empty
 */
public record ComponentHealth(String name, ComponentKind kind, String state, boolean up, Instant since,
                              String detail) {
    public ComponentHealth {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        detail = detail == null ? "" : detail;
    }
}
