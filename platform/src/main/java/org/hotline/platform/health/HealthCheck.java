package org.hotline.platform.health;

import java.util.List;

/**
 * A part of the platform that can tell its health: the switch adapters, the database. Must be cheap and must not
 * block for long (a database check has a short timeout and is cached); called from any thread.
 */
@FunctionalInterface
public interface HealthCheck {
    /** The parts this check covers, each with its state now. */
    List<ComponentHealth> components();

    /** Every part of several checks, in order. */
    static HealthCheck of(List<HealthCheck> checks) {
        List<HealthCheck> all = List.copyOf(checks);
        return () -> all.stream().flatMap(c -> c.components().stream()).toList();
    }
}
