package org.hotline.ticketing.ticket;

import java.util.regex.Pattern;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.ticketing.support.Checks;

/**
 * The checks on a new ticket that need no database: type, category (1–64), serviceMode and description (1–4000) are
 * required, priority defaults to NORMAL, a given callId must look like a call id.
 */
final class TicketRules {
    static final int CATEGORY_MAX = 64;
    static final int DESCRIPTION_MAX = 4000;
    static final int ACTOR_MAX = 64;
    private static final Pattern CALL_ID = Pattern.compile("\\S{1,64}");

    private TicketRules() {
    }

    /** The ticket with its text trimmed and its priority defaulted; throws naming the first invalid field. */
    static NewTicket normalize(NewTicket t) {
        if (t == null) {
            throw new ValidationException(null, "ticket is required");
        }
        Checks.required("type", t.type());
        String category = Checks.text("category", t.category(), 1, CATEGORY_MAX);
        TicketPriority priority = t.priority() == null ? TicketPriority.NORMAL : t.priority();
        if (t.callId() != null) {
            Checks.matching("callId", t.callId(), CALL_ID, "1–64 characters without spaces");
        }
        Checks.required("serviceMode", t.serviceMode());
        String description = Checks.text("description", t.description(), 1, DESCRIPTION_MAX);
        return new NewTicket(t.type(), category, priority, t.customerId(), t.productId(), t.callId(), t.serviceMode(),
                description);
    }

    static String actor(String actor) {
        return Checks.text("actor", actor, 1, ACTOR_MAX);
    }
}
