package org.hotline.platform.ticket;

import java.util.Set;

/**
 * Filters for listing tickets; null / empty means "any". Newest first, at most {@code limit}.
 *
 * @param involving only tickets this user created or is assigned to (the data-access rule for agents), or null
 */
public record TicketQuery(Long customerId, String createdBy, Set<TicketStatus> statuses, int limit,
                          String involving) {
    public TicketQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    public TicketQuery(Long customerId, String createdBy, Set<TicketStatus> statuses, int limit) {
        this(customerId, createdBy, statuses, limit, null);
    }
}
