package org.hotline.platform.ticket.workflow;

import java.util.Set;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.TicketType;

/**
 * {@code GET /api/tickets?type=&status=&assignee=me|NAME&department=&overdue=true&stalled=true&q=TEXT&limit=&offset=}
 * as a value; null / empty / false means "any". {@code assignee} is already resolved ("me" → the caller's name) by the
 * edge. {@code q} matches the number, description, customer name and phone.
 */
public record TicketFilter(TicketType type, Set<TicketStatus> statuses, String assignee, String department,
                           boolean overdue, boolean stalled, String q, Long customerId, int limit, int offset) {
    public TicketFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }
}
