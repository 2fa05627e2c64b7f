package org.hotline.console.health;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.console.http.Json;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.HealthReport;

/**
 * What {@code /api/health} and the wallboard's {@code stats} message show of a {@link HealthReport}. Everyone (a load
 * balancer, a monitoring probe) gets the overall status and each part's name and state; supervisors and admins also
 * get each part's kind, since when it is in its state and the detail (where an AMI link points, why the database is
 * down). Nothing in it is a secret: the database URL has its password masked, AMI links name host and port only.
 */
public final class HealthView {
    private HealthView() {
    }

    /** {@code {status, time, components: [...]}}; {@code details} for supervisors and admins. */
    public static Map<String, Object> of(HealthReport report, boolean details) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", report.status());
        m.put("time", Json.instant(report.at()));
        m.put("components", report.components().stream().map(c -> component(c, details)).toList());
        return m;
    }

    private static Map<String, Object> component(ComponentHealth c, boolean details) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("state", c.state());
        m.put("up", c.up());
        if (details) {
            m.put("kind", c.kind());
            m.put("since", Json.instant(c.since()));
            m.put("detail", c.detail());
        }
        return m;
    }
}
