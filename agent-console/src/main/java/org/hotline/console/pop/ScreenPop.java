package org.hotline.console.pop;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.hotline.console.calls.CallSummary;
import org.hotline.console.customers.ProductView;
import org.hotline.console.tickets.TicketSummary;
import org.hotline.platform.customer.CustomerClass;

/**
 * What the agent sees when a call is offered.
 *
 * @param customer     the identified customer, null for an unknown caller
 * @param waitSeconds  how long the caller waited in the queue until the offer
 * @param complete     false when the customer's history could not be read (the pop then carries what the call knew)
 */
public record ScreenPop(String callId, String callerNumber, String dialledNumber, Customer customer,
                        List<ProductView> products, List<TicketSummary> openTickets, List<CallSummary> recentCalls,
                        String ivrPath, String digits, String queue, int priority, Instant arrivedAt,
                        Instant queuedAt, long waitSeconds, boolean complete) {

    /** The caller as identified: id, name and class. */
    public record Customer(long id, String name, CustomerClass customerClass) {
    }

    @JsonProperty("knownCaller")
    public boolean knownCaller() {
        return customer != null;
    }
}
