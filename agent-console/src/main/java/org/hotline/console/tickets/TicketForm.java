package org.hotline.console.tickets;

import org.hotline.console.http.JsonBody;
import org.hotline.platform.ticket.Channel;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.Contact;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;

/**
 * Reads a new ticket from the agent's form. Enum values are case-insensitive; the required fields (type, category,
 * serviceMode, description) are checked here as well, so a bad form is a 400 naming the field before anything
 * reaches the ticket service. Priority defaults to NORMAL. A complaint also takes {@code complaintClass} and
 * {@code severity}; any ticket {@code channel}, {@code contactName/Phone/Email} (a person without a customer record)
 * and {@code productModel}/{@code productSerial} (a product not on file). What a type requires besides is the ticket
 * service's check (400 naming the field).
 */
public final class TicketForm {
    static final int CATEGORY_MAX = 64;
    static final int DESCRIPTION_MAX = 4000;
    static final int CALL_ID_MAX = 128;
    static final int NAME_MAX = 100;
    static final int PHONE_MAX = 20;
    static final int EMAIL_MAX = 254;
    static final int MODEL_MAX = 100;
    static final int SERIAL_MAX = 64;

    private TicketForm() {
    }

    public static NewTicket parse(JsonBody body) {
        TicketType type = body.requiredEnum("type", TicketType.class);
        String category = body.requiredText("category", CATEGORY_MAX);
        TicketPriority priority = body.optionalEnum("priority", TicketPriority.class);
        Long customerId = body.optionalLong("customerId");
        Long productId = body.optionalLong("productId");
        String callId = body.optionalText("callId", CALL_ID_MAX);
        ServiceMode serviceMode = body.requiredEnum("serviceMode", ServiceMode.class);
        String description = body.requiredText("description", DESCRIPTION_MAX);
        ComplaintClass complaintClass = body.optionalEnum("complaintClass", ComplaintClass.class);
        Severity severity = body.optionalEnum("severity", Severity.class);
        Channel channel = body.optionalEnum("channel", Channel.class);
        Contact contact = new Contact(body.optionalText("contactName", NAME_MAX),
                body.optionalText("contactPhone", PHONE_MAX), body.optionalText("contactEmail", EMAIL_MAX));
        if (contact.name() == null && contact.phone() == null && contact.email() == null) {
            contact = null;
        }
        return new NewTicket(type, category, priority == null ? TicketPriority.NORMAL : priority, customerId,
                productId, callId, serviceMode, description, complaintClass, severity,
                channel == null ? Channel.PHONE : channel, contact, body.optionalText("productModel", MODEL_MAX),
                body.optionalText("productSerial", SERIAL_MAX));
    }
}
