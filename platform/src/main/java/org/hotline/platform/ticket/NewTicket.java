package org.hotline.platform.ticket;

/**
 * A ticket as the agent (or an intake channel) submits it. Required: type, category, description, serviceMode; what
 * else a type needs before it can be submitted is the ticket rules' answer (a complaint: its class, and a customer or
 * a contact phone; a repair: a product, or the model and serial/IMEI of one not on file). customerId, productId and
 * callId are optional but must name existing rows when given (and the product must belong to the customer).
 * complaintClass and severity are for complaints only (severity defaults to NORMAL); channel defaults to PHONE.
 */
public record NewTicket(TicketType type, String category, TicketPriority priority, Long customerId, Long productId,
                        String callId, ServiceMode serviceMode, String description, ComplaintClass complaintClass,
                        Severity severity, Channel channel, Contact contact, String productModel,
                        String productSerial) {

    /** A ticket without a product that is not on file. */
    public NewTicket(TicketType type, String category, TicketPriority priority, Long customerId, Long productId,
                     String callId, ServiceMode serviceMode, String description, ComplaintClass complaintClass,
                     Severity severity, Channel channel, Contact contact) {
        this(type, category, priority, customerId, productId, callId, serviceMode, description, complaintClass,
                severity, channel, contact, null, null);
    }

    /** A ticket taken on the phone, with no complaint fields and no separate contact. */
    public NewTicket(TicketType type, String category, TicketPriority priority, Long customerId, Long productId,
                     String callId, ServiceMode serviceMode, String description) {
        this(type, category, priority, customerId, productId, callId, serviceMode, description, null, null,
                Channel.PHONE, null);
    }
}
