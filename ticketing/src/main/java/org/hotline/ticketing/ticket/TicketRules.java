package org.hotline.ticketing.ticket;

import java.util.regex.Pattern;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.ticket.Channel;
import org.hotline.platform.ticket.Contact;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;
import org.hotline.ticketing.support.Checks;

/**
 * The checks on a new ticket that need no database: type, category (1–64), serviceMode and description (1–4000) are
 * required, priority defaults to NORMAL, a given callId must look like a call id. What a type needs besides (the task
 * sheet must be complete before it is submitted, W1.5): a complaint its class and a customer or a contact phone
 * (severity defaults to NORMAL); a repair a product on file or the model and serial/IMEI of one, and the fault
 * symptom (the description); a consultation its category. Complaint fields on another type are refused.
 */
final class TicketRules {
    static final int CATEGORY_MAX = 64;
    static final int DESCRIPTION_MAX = 4000;
    static final int ACTOR_MAX = 64;
    static final int NAME_MAX = 100;
    static final int PHONE_MAX = 20;
    static final int EMAIL_MAX = 254;
    static final int MODEL_MAX = 100;
    static final int SERIAL_MAX = 64;
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
        Contact contact = contact(t.contact());
        String model = optional("productModel", t.productModel(), MODEL_MAX);
        String serial = optional("productSerial", t.productSerial(), SERIAL_MAX);
        Severity severity = t.severity();
        if (t.type() == TicketType.COMPLAINT) {
            Checks.required("complaintClass", t.complaintClass());
            if (t.customerId() == null && contact.phone() == null) {
                throw new ValidationException("contactPhone", "a complaint needs a customer or a contact phone");
            }
            severity = severity == null ? Severity.NORMAL : severity;
        } else if (t.complaintClass() != null || severity != null) {
            throw new ValidationException(t.complaintClass() != null ? "complaintClass" : "severity",
                    "only complaints have a complaint class and severity");
        }
        Channel channel = t.channel() == null ? Channel.PHONE : t.channel();
        return new NewTicket(t.type(), category, priority, t.customerId(), t.productId(), t.callId(), t.serviceMode(),
                description, t.complaintClass(), severity, channel, contact, model, serial);
    }

    /** Checked after the references (a product that does not exist is named as such first). */
    static void requireRepairProduct(NewTicket t) {
        if (t.type() == TicketType.REPAIR && t.productId() == null
                && (t.productModel() == null || t.productSerial() == null)) {
            throw new ValidationException(t.productModel() == null ? "productModel" : "productSerial",
                    "a repair needs a product on file, or the model and serial/IMEI of the product");
        }
    }

    private static Contact contact(Contact c) {
        if (c == null) {
            return new Contact(null, null, null);
        }
        return new Contact(optional("contactName", c.name(), NAME_MAX), optional("contactPhone", c.phone(),
                PHONE_MAX), optional("contactEmail", c.email(), EMAIL_MAX));
    }

    private static String optional(String field, String value, int max) {
        return value == null || value.isBlank() ? null : Checks.text(field, value, 1, max);
    }

    static String actor(String actor) {
        return Checks.text("actor", actor, 1, ACTOR_MAX);
    }
}
