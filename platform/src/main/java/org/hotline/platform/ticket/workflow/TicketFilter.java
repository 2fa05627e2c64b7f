package org.hotline.platform.ticket.workflow;

import java.util.Set;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.TicketType;

/**
 * {@code GET /api/tickets?type=&status=&assignee=me|NAME&department=&overdue=true&stalled=true&q=TEXT&limit=&offset=}
 * as a value; null / empty / false means "any". {@code assignee} is already resolved ("me" → the caller's name) by the
 * edge. {@code q} matches the number, description, customer name and phone. {@code createdBy} ({@code mine=true}
 * of the agent desk) keeps the tickets one user created.
 */
public record TicketFilter(TicketType type, Set<TicketStatus> statuses, String assignee, String department,
                           boolean overdue, boolean stalled, String q, Long customerId, int limit, int offset,
                           String createdBy) {
    public TicketFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    public TicketFilter(TicketType type, Set<TicketStatus> statuses, String assignee, String department,
                        boolean overdue, boolean stalled, String q, Long customerId, int limit, int offset) {
        this(type, statuses, assignee, department, overdue, stalled, q, customerId, limit, offset, null);
    }
}
