package org.hotline.platform.ticket;

/**
 * A ticket as the agent submits it. Required: type, category, description, serviceMode. customerId, productId and
 * callId are optional but must name existing rows when given (and the product must belong to the customer).
 */
public record NewTicket(TicketType type, String category, TicketPriority priority, Long customerId, Long productId,
                        String callId, ServiceMode serviceMode, String description) {
}
