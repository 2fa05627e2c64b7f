package org.hotline.platform.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The health of a node at one instant: every part, and the overall status they give. The rule is the kind's
 * ({@link ComponentKind}): the database down makes the node DOWN; any other part down makes it DEGRADED.
 */
public record HealthReport(HealthStatus status, Instant at, List<ComponentHealth> components) {
    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        components = List.copyOf(components);
    }

    /** The report of {@code components} at {@code at}. */
    public static HealthReport of(List<ComponentHealth> components, Instant at) {
        return new HealthReport(overall(components), at, components);
    }

    static HealthStatus overall(List<ComponentHealth> components) {
        HealthStatus status = HealthStatus.UP;
        for (ComponentHealth c : components) {
            if (c.up()) {
                continue;
            }
            if (c.kind() == ComponentKind.DATABASE) {
                return HealthStatus.DOWN;
            }
            status = HealthStatus.DEGRADED;
        }
        return status;
    }
}
