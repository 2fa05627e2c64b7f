package org.hotline.ticketing.workflow;

import static org.hotline.platform.ticket.TicketStatus.ESCALATED;
import static org.hotline.platform.ticket.TicketStatus.HANDED_OFF;
import static org.hotline.platform.ticket.TicketStatus.NEW;
import static org.hotline.platform.ticket.TicketStatus.REOPENED;
import static org.hotline.platform.ticket.TicketStatus.RESOLVED;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.user.Role;

/**
 * The tickets that wait for a role rather than a person: they appear in the worklist of everyone holding the role
 * (why = YOUR_ROLE). A handed-off consultation waits for a coordinator (15-minute rule), a new, reopened or
 * resolved complaint for the complaint manager (assign / close), an escalated one for the centre head.
 */
public final class RoleQueues {
    /** Tickets of {@code type} in one of {@code statuses}. */
    public record Queue(TicketType type, Set<TicketStatus> statuses) {
        public Queue {
            statuses = Set.copyOf(statuses);
        }

        boolean holds(Ticket t) {
            return t.type() == type && statuses.contains(t.status());
        }
    }

    private static final Map<Role, List<Queue>> TABLE = new EnumMap<>(Map.of(
            Role.COORDINATOR, List.of(new Queue(TicketType.CONSULTATION, Set.of(HANDED_OFF))),
            Role.COMPLAINT_MANAGER, List.of(new Queue(TicketType.COMPLAINT, Set.of(NEW, REOPENED, RESOLVED))),
            Role.CENTRE_HEAD, List.of(new Queue(TicketType.COMPLAINT, Set.of(ESCALATED)))));

    private RoleQueues() {
    }

    public static List<Queue> of(Set<Role> roles) {
        return roles.stream().sorted().flatMap(r -> TABLE.getOrDefault(r, List.of()).stream()).toList();
    }

    /** Whether one of the queues holds the ticket. */
    public static boolean holds(List<Queue> queues, Ticket t) {
        return queues.stream().anyMatch(q -> q.holds(t));
    }
}
