package org.hotline.ticketing.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;
import java.util.Optional;
import org.hotline.platform.Times;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerLookup;
import org.hotline.platform.ticket.Channel;
import org.hotline.platform.ticket.Contact;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketService;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.notify.NotificationWriter;

/**
 * Files a complaint that came in without an agent (web form, email) through {@link TicketService#create}: type
 * COMPLAINT, no complaint class yet (the complaint manager classifies it), severity NORMAL, served by phone. A
 * product serial that names a known product links the product and its owner; else a phone that is a customer's links
 * that customer. Who filed it is kept in {@code intake_contacts} too (name, phone, email): the reply address of the
 * email channel, and the contact for a ticket store that does not keep {@link Contact}s. The complaint managers are
 * notified of every such complaint, since no agent saw it come in.
 */
public final class ComplaintFiler {
    /** Notification kinds (their texts are in the intake message bundle, {@code notify.kind.<kind>}). */
    public static final String WEB_COMPLAINT = "intake.webComplaint";
    public static final String EMAIL_COMPLAINT = "intake.emailComplaint";
    public static final String CUSTOMER_MESSAGE = "intake.customerMessage";

    private final Database db;
    private final TicketService tickets;
    private final CustomerLookup customers;
    private final Clock clock;
    private final NotificationWriter notices;
    private volatile CustomerMessageStep messages = CustomerMessageStep.NONE;

    /** @param notices tells the complaint managers of a new complaint, the handler of a customer's message */
    public ComplaintFiler(Database db, TicketService tickets, CustomerLookup customers, Clock clock,
                          NotificationWriter notices) {
        this.db = db;
        this.tickets = tickets;
        this.customers = customers;
        this.clock = clock;
        this.notices = notices;
        db.registerMapper(IntakeMapper.class);
    }

    public Ticket file(Channel channel, String category, String actor, Contact contact, String description,
                       String productSerial) {
        Long customerId = null;
        Long productId = null;
        IntakeMapper.ProductOwner product = productSerial == null ? null
                : db.withSession(s -> s.getMapper(IntakeMapper.class).productBySerial(productSerial));
        if (product != null) {
            productId = product.productId();
            customerId = product.customerId();
        } else {
            customerId = customerByPhone(contact.phone()).map(Customer::id).orElse(null);
        }
        Ticket ticket = tickets.create(new NewTicket(TicketType.COMPLAINT, category, TicketPriority.NORMAL, customerId,
                productId, null, ServiceMode.PHONE, description, null, Severity.NORMAL, channel, contact), actor);
        Instant now = Times.now(clock);
        db.inTransaction(s -> {
            s.getMapper(IntakeMapper.class).insertContact(ticket.id(), channel, contact.name(), contact.phone(),
                    contact.email(), now);
            notices.toRole(s, Role.COMPLAINT_MANAGER, channel == Channel.EMAIL ? EMAIL_COMPLAINT : WEB_COMPLAINT,
                    Map.of("number", ticket.number()), ticket.id(), false, now);
            return null;
        });
        return ticket;
    }

    /** Where a customer's threaded message goes (the workflow's desk, once it is started). */
    public void onCustomerMessage(CustomerMessageStep step) {
        this.messages = step == null ? CustomerMessageStep.NONE : step;
    }

    /**
     * Inside {@code tx}: the customer's message {@code text} from {@code sender}, taken in by {@code actor}, joins
     * ticket {@code ticketId} through the {@link CustomerMessageStep}; false when that step wrote nothing.
     */
    public boolean threadMessage(SqlSession tx, long ticketId, String actor, String sender, String text,
                                 Instant now) {
        return messages.record(tx, ticketId, actor, sender, text, now);
    }

    /**
     * Inside {@code tx}: the customer wrote again on ticket {@code ticketId} (a mail answer); its assignee is told,
     * or the complaint managers while nobody is assigned.
     */
    public void customerWrote(SqlSession tx, long ticketId, String number, Instant now) {
        String assignee = tx.getMapper(IntakeMapper.class).assignee(ticketId);
        Map<String, String> params = Map.of("number", number);
        if (assignee == null) {
            notices.toRole(tx, Role.COMPLAINT_MANAGER, CUSTOMER_MESSAGE, params, ticketId, false, now);
        } else {
            notices.toUsers(tx, List.of(assignee), CUSTOMER_MESSAGE, params, ticketId, false, now);
        }
    }

    /** The customer with this phone as typed, or as its digits alone ("138-0013-8000" is "13800138000"). */
    private Optional<Customer> customerByPhone(String phone) {
        if (phone == null) {
            return Optional.empty();
        }
        Optional<Customer> found = customers.findByPhone(phone);
        String digits = phone.replace("-", "");
        return found.isPresent() || digits.equals(phone) ? found : customers.findByPhone(digits);
    }
}
