package org.hotline.platform.ticket;

import java.util.Set;

/** Filters for listing tickets; null / empty means "any". Newest first, at most {@code limit}. */
public record TicketQuery(Long customerId, String createdBy, Set<TicketStatus> statuses, int limit) {
    public TicketQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }
}
