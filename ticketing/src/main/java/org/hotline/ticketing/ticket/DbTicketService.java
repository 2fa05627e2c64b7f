package org.hotline.ticketing.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.hotline.platform.Times;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketEvent;
import org.hotline.platform.ticket.TicketQuery;
import org.hotline.platform.ticket.TicketService;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.workflow.HistoryEntry;
import org.hotline.ticketing.support.FlatJson;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.support.Checks;

/**
 * {@link TicketService} on the {@code tickets} and {@code ticket_events} tables.
 *
 * <p>Validation order: the ticket's own fields first (type, category, callId format, serviceMode, description), then
 * the rows it refers to (customerId, productId, callId). A ticket that names only a product is attached to the
 * product's owner, and one that names a call with a known customer to that customer; a customer that is not the
 * call's is refused (customerId); one that names a merged customer is attached to the customer it was merged into
 * (the agent's card may predate the merge; the survivor holds its phones, products and tickets). The row, its number
 * ({@link TicketNumbers}, from the clock's day) and its "create" history line are written in one transaction.
 */
public final class DbTicketService implements TicketService {
    /** Audit action of the first line of every ticket's history. */
    public static final String CREATED = "create";

    private final Database db;
    private final Clock clock;
    private final Predicate<String> pendingCall;
    private volatile CreationStep creationStep = CreationStep.NONE;

    /**
     * @param pendingCall tells whether a call id names a call that is live or whose record is not written yet (the
     *                    call recorder writes asynchronously); such a call counts as existing
     */
    public DbTicketService(Database db, Clock clock, Predicate<String> pendingCall) {
        this.db = db;
        this.clock = clock;
        this.pendingCall = pendingCall;
        db.registerMapper(TicketMapper.class);
    }

    /** A service that only accepts calls already in {@code call_records}. */
    public DbTicketService(Database db, Clock clock) {
        this(db, clock, callId -> false);
    }

    /** What else happens when a ticket is created (its clocks, hooks, notifications: the workflow desk). */
    public void onCreation(CreationStep step) {
        this.creationStep = step == null ? CreationStep.NONE : step;
    }

    @Override
    public Ticket create(NewTicket ticket, String actor) {
        String validActor = TicketRules.actor(actor);
        NewTicket valid = TicketRules.normalize(ticket);
        Instant now = Times.now(clock);
        LocalDate day = LocalDate.ofInstant(now, clock.getZone());
        CreationStep step = creationStep;
        Ticket created = db.inTransaction(s -> {
            TicketMapper m = s.getMapper(TicketMapper.class);
            NewTicket resolved = checkReferences(m, valid);
            TicketRules.requireRepairProduct(resolved);
            m.insert(resolved, TicketStatus.NEW, validActor, now);
            long id = m.lastInsertId();
            m.assignNumber(id, TicketNumbers.format(day, id));
            Map<String, String> fields = summary(resolved);
            m.insertEvent(id, validActor, now, CREATED, detail(fields), TicketStatus.NEW, FlatJson.write(fields));
            long eventId = m.lastInsertId();
            Ticket t = m.find(id);
            step.inTransaction(s, t, new HistoryEntry(eventId, validActor, now, CREATED, null,
                    TicketStatus.NEW.name(), fields, null, false), now);
            return t;
        });
        step.afterCommit(created, validActor, now);
        return created;
    }

    private NewTicket checkReferences(TicketMapper m, NewTicket t) {
        Long customerId = t.customerId();
        if (customerId != null && m.countCustomer(customerId) == 0) {
            throw new ValidationException("customerId", "customer " + customerId + " does not exist");
        }
        if (customerId != null) {
            // a card opened before an administrator merged it: the survivor has its phones, products and tickets
            Long survivor = m.mergedInto(customerId);
            customerId = survivor == null ? customerId : survivor;
        }
        if (t.productId() != null) {
            Long owner = m.productOwner(t.productId());
            if (owner == null) {
                throw new ValidationException("productId", "product " + t.productId() + " does not exist");
            }
            if (customerId != null && !owner.equals(customerId)) {
                throw new ValidationException("productId",
                        "product " + t.productId() + " does not belong to customer " + customerId);
            }
            customerId = owner;
        }
        if (t.callId() != null && !pendingCall.test(t.callId()) && m.countCall(t.callId()) == 0) {
            throw new ValidationException("callId", "call " + t.callId() + " does not exist");
        }
        Long callCustomer = t.callId() == null ? null : m.callCustomer(t.callId());
        if (callCustomer != null) {
            if (customerId != null && !customerId.equals(callCustomer)) {
                throw new ValidationException("customerId", "call " + t.callId() + " is with customer "
                        + callCustomer + ", not customer " + customerId);
            }
            customerId = callCustomer;
        }
        return new NewTicket(t.type(), t.category(), t.priority(), customerId, t.productId(), t.callId(),
                t.serviceMode(), t.description(), t.complaintClass(), t.severity(), t.channel(), t.contact(),
                t.productModel(), t.productSerial());
    }

    /** {@code type=… category=…}: the history's text for readers of {@link TicketEvent}. */
    public static String detail(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The fields of the "create" history line: what the ticket was classified as. */
    private static Map<String, String> summary(NewTicket t) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", t.type().name());
        fields.put("category", t.category());
        fields.put("priority", t.priority().name());
        fields.put("serviceMode", t.serviceMode().name());
        fields.put("channel", t.channel().name());
        if (t.complaintClass() != null) {
            fields.put("complaintClass", t.complaintClass().name());
            fields.put("severity", t.severity().name());
        }
        return fields;
    }

    @Override
    public Optional<Ticket> find(long id) {
        return db.withSession(s -> Optional.ofNullable(s.getMapper(TicketMapper.class).find(id)));
    }

    /** Newest first; a blank {@code createdBy} means any author. */
    @Override
    public List<Ticket> search(TicketQuery query) {
        if (query == null) {
            throw new ValidationException(null, "query is required");
        }
        int limit = Checks.limit(query.limit());
        String createdBy = blankToNull(query.createdBy());
        String involving = blankToNull(query.involving());
        return db.withSession(s -> s.getMapper(TicketMapper.class)
                .search(query.customerId(), createdBy, involving, query.statuses(), limit));
    }

    private static String blankToNull(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }

    /**
     * Oldest first.
     *
     * @throws NotFoundException for an unknown ticket
     */
    @Override
    public List<TicketEvent> history(long ticketId) {
        return db.withSession(s -> {
            TicketMapper m = s.getMapper(TicketMapper.class);
            if (m.countTicket(ticketId) == 0) {
                throw new NotFoundException("ticket " + ticketId + " not found");
            }
            return m.history(ticketId);
        });
    }
}
