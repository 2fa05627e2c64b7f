package org.hotline.platform.ticket;

import java.time.Instant;

/**
 * {@code number} is the human-facing ticket number (e.g. {@code T20261123-000042}). The complaint fields
 * ({@code complaintClass}, {@code severity}, {@code escalationLevel} 0–2, {@code customerInformedVia/At},
 * {@code guidance}) are null / 0 on other types; {@code contactName/Phone/Email} reach a person without a customer
 * record; {@code version} grows with every action and is sent back with the next one (a stale one is refused).
 */
public record Ticket(long id, String number, TicketType type, String category, TicketPriority priority,
                     TicketStatus status, Long customerId, Long productId, String callId, ServiceMode serviceMode,
                     String description, String assignee, String createdBy, Instant createdAt, Instant updatedAt,
                     Instant closedAt, ComplaintClass complaintClass, Severity severity, Channel channel,
                     String contactName, String contactPhone, String contactEmail, int escalationLevel,
                     String resolution, CustomerInformedVia customerInformedVia, Instant customerInformedAt,
                     String guidance, String productModel, String productSerial, long version) {

    /** The contact as one value (all parts null when the ticket has a customer record and no separate contact). */
    public Contact contact() {
        return new Contact(contactName, contactPhone, contactEmail);
    }
}
