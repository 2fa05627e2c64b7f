package org.hotline.platform.ticket;

import java.time.Instant;

/** {@code number} is the human-facing ticket number (e.g. {@code T20261123-000042}). */
public record Ticket(long id, String number, TicketType type, String category, TicketPriority priority,
                     TicketStatus status, Long customerId, Long productId, String callId, ServiceMode serviceMode,
                     String description, String assignee, String createdBy, Instant createdAt, Instant updatedAt,
                     Instant closedAt) {
}
