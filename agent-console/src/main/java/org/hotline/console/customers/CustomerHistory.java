package org.hotline.console.customers;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.hotline.console.calls.CallSummary;
import org.hotline.console.tickets.TicketSummary;
import org.hotline.platform.call.CallLog;
import org.hotline.platform.customer.CustomerDirectory;
import org.hotline.platform.ticket.TicketQuery;
import org.hotline.platform.ticket.TicketService;
import org.hotline.platform.ticket.TicketStatus;

/** Reads what the console shows about a customer: products with warranty, open tickets, recent calls. Blocking. */
public final class CustomerHistory {
    static final Set<TicketStatus> OPEN = TicketStatus.OPEN;
    private static final int OPEN_TICKETS_MAX = 20;

    private final CustomerDirectory customers;
    private final TicketService tickets;
    private final CallLog calls;
    private final Clock clock;

    public CustomerHistory(CustomerDirectory customers, TicketService tickets, CallLog calls, Clock clock) {
        this.customers = customers;
        this.tickets = tickets;
        this.calls = calls;
        this.clock = clock;
    }

    public CustomerDirectory directory() {
        return customers;
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), clock.getZone());
    }

    public List<ProductView> products(long customerId) {
        LocalDate today = today();
        return customers.products(customerId).stream().map(p -> ProductView.of(p, today)).toList();
    }

    public List<TicketSummary> openTickets(long customerId) {
        return tickets.search(new TicketQuery(customerId, null, OPEN, OPEN_TICKETS_MAX)).stream()
                .map(TicketSummary::of).toList();
    }

    /** The customer's latest calls, newest first, leaving out {@code exceptCallId} (the call being offered). */
    public List<CallSummary> recentCalls(long customerId, int limit, String exceptCallId) {
        return calls.byCustomer(customerId, limit + 1).stream()
                .filter(r -> !r.callId().equals(exceptCallId))
                .limit(limit)
                .map(CallSummary::of)
                .toList();
    }
}
