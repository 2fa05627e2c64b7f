package org.hotline.console.tickets;

import org.hotline.console.http.JsonBody;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;

/**
 * Reads a new ticket from the agent's form. Enum values are case-insensitive; the required fields (type, category,
 * serviceMode, description) are checked here as well, so a bad form is a 400 naming the field before anything
 * reaches the ticket service. Priority defaults to NORMAL.
 */
public final class TicketForm {
    static final int CATEGORY_MAX = 64;
    static final int DESCRIPTION_MAX = 4000;
    static final int CALL_ID_MAX = 128;

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
        return new NewTicket(type, category, priority == null ? TicketPriority.NORMAL : priority, customerId,
                productId, callId, serviceMode, description);
    }
}
