package org.hotline.console.auth;

import java.time.Duration;
import java.util.Objects;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;

/**
 * How long sessions live. Agents work a shift at the console, so their idle timeout may be a shift long; supervisors
 * and administrators can do more harm with a forgotten session and get a short one. Whatever the use, a session ends
 * {@code absoluteLifetime} after the login.
 *
 * @param agentIdle        idle timeout of an agent's session (default 9 h, a shift)
 * @param staffIdle        idle timeout of a supervisor's or administrator's session (default 30 min); a user with
 *                         both kinds of role gets the shorter of the two
 * @param absoluteLifetime the most any session lives (default 12 h)
 */
public record SessionPolicy(Duration agentIdle, Duration staffIdle, Duration absoluteLifetime) {
    public static final SessionPolicy DEFAULT =
            new SessionPolicy(Duration.ofHours(9), Duration.ofMinutes(30), Duration.ofHours(12));

    public SessionPolicy {
        positive("agentIdle", agentIdle);
        positive("staffIdle", staffIdle);
        positive("absoluteLifetime", absoluteLifetime);
    }

    /** One idle timeout for every role (older configurations and tests). */
    public static SessionPolicy idleFor(Duration idle) {
        return new SessionPolicy(idle, idle, DEFAULT.absoluteLifetime().compareTo(idle) < 0 ? idle
                : DEFAULT.absoluteLifetime());
    }

    /** The idle timeout of {@code user}'s sessions: the shortest of its roles' (staff's for a user without role). */
    public Duration idleTimeout(User user) {
        boolean staff = user.has(Role.SUPERVISOR) || user.has(Role.ADMIN) || !user.has(Role.AGENT);
        Duration idle = staff ? min(staffIdle, user.has(Role.AGENT) ? agentIdle : staffIdle) : agentIdle;
        return min(idle, absoluteLifetime);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
