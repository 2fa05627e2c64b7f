package org.hotline.ticketing.workflow;

import java.util.List;
import java.util.Set;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.clock.ClockEffects;

/**
 * One row of a workflow table: in any of the states {@code from}, a user holding one of {@code roles} may take
 * {@code action} with the {@code required} fields (and the {@code optional} ones); the ticket then moves to
 * {@code to} (null: it stays where it is) and its clocks change as {@code clocks} says. {@code guard} is a condition
 * on the ticket itself beyond its state (e.g. only a MISUSE complaint closes with guidance).
 */
public record Transition(Set<TicketStatus> from, String action, Set<Role> roles, List<String> required,
                         List<String> optional, TicketStatus to, ClockEffects clocks, Guard guard) {
    public Transition {
        from = Set.copyOf(from);
        roles = Set.copyOf(roles);
        required = List.copyOf(required);
        optional = List.copyOf(optional);
    }

    /** The state after the action taken in {@code current}. */
    public TicketStatus next(TicketStatus current) {
        return to == null ? current : to;
    }

    public boolean allowsRoleOf(Set<Role> userRoles) {
        return userRoles.stream().anyMatch(roles::contains);
    }

    /** A condition on the ticket beyond its state. */
    public enum Guard {
        /** No further condition. */
        NONE,
        /** Only a complaint classed MISUSE (使用不当). */
        MISUSE,
        /** Only below the top escalation level (2: the vice-president). */
        BELOW_TOP_LEVEL
    }
}
