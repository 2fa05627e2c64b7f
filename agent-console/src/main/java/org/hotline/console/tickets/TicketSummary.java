package org.hotline.console.tickets;

import java.time.Instant;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.TicketType;

/** A ticket in a list (screen-pop, customer card). */
public record TicketSummary(long id, String number, TicketType type, TicketStatus status, String category,
                            TicketPriority priority, Instant createdAt) {
    public static TicketSummary of(Ticket t) {
        return new TicketSummary(t.id(), t.number(), t.type(), t.status(), t.category(), t.priority(), t.createdAt());
    }
}
