package org.hotline.console.pop;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hotline.console.calls.CallSummary;
import org.hotline.console.customers.CustomerHistory;
import org.hotline.console.customers.ProductView;
import org.hotline.console.tickets.TicketSummary;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.routing.CallContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the screen-pop for an offered call from the routing context and the customer's history. Blocking (it reads
 * the database): call it off the event loop. If the history cannot be read the pop still shows what the call knew.
 */
public final class ScreenPopBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenPopBuilder.class);
    static final int RECENT_CALLS = 5;

    private final CustomerHistory history;

    public ScreenPopBuilder(CustomerHistory history) {
        this.history = history;
    }

    public ScreenPop build(CallOffered offer) {
        CallContext call = offer.call();
        try {
            Optional<Customer> customer = identify(call);
            if (customer.isEmpty()) {
                return pop(offer, null, List.of(), List.of(), List.of(), true);
            }
            Customer c = customer.get();
            return pop(offer, new ScreenPop.Customer(c.id(), c.name(), c.customerClass()), history.products(c.id()),
                    history.openTickets(c.id()), history.recentCalls(c.id(), RECENT_CALLS, call.callId()), true);
        } catch (RuntimeException e) {
            LOG.warn("screen-pop for call {} without customer history: {}", call.callId(), e.toString());
            ScreenPop.Customer fromCall = call.customerId() == null ? null
                    : new ScreenPop.Customer(call.customerId(), call.customerName(), call.customerClass());
            return pop(offer, fromCall, List.of(), List.of(), List.of(), false);
        }
    }

    /** The customer routing named, read fresh; else whoever owns the caller's number. */
    private Optional<Customer> identify(CallContext call) {
        if (call.customerId() != null) {
            return history.directory().find(call.customerId());
        }
        if (call.ani() == null || call.ani().isBlank()) {
            return Optional.empty();
        }
        return history.directory().findByPhone(call.ani());
    }

    private static ScreenPop pop(CallOffered offer, ScreenPop.Customer customer, List<ProductView> products,
                                 List<TicketSummary> tickets, List<CallSummary> calls, boolean complete) {
        CallContext c = offer.call();
        return new ScreenPop(c.callId(), c.ani(), c.dnis(), customer, products, tickets, calls, c.ivrPath(),
                c.digits(), c.queue(), c.priority(), c.arrivedAt(), c.queuedAt(),
                waitSeconds(c.queuedAt(), offer.at()), complete);
    }

    private static long waitSeconds(Instant queuedAt, Instant offeredAt) {
        if (queuedAt == null || offeredAt == null || offeredAt.isBefore(queuedAt)) {
            return 0;
        }
        return Duration.between(queuedAt, offeredAt).toSeconds();
    }
}
