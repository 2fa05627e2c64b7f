package org.hotline.console.customers;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline.console.calls.CallSummary;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.QueryParams;
import org.hotline.console.http.Responses;
import org.hotline.console.tickets.TicketSummary;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.error.NotFoundException;

/** Customer card and customer search. */
public final class CustomerRoutes {
    private static final int RECENT_CALLS = 10;
    private static final int SEARCH_MAX = 20;

    private final CustomerHistory history;
    private final Blocking blocking;

    public CustomerRoutes(CustomerHistory history, Blocking blocking) {
        this.history = history;
        this.blocking = blocking;
    }

    /** {@code GET /api/customers/{id}}. */
    public record CustomerCard(long id, String name, CustomerClass customerClass, List<String> phones,
                               Instant createdAt, List<ProductView> products, List<TicketSummary> openTickets,
                               List<CallSummary> recentCalls) {
    }

    public void mount(Router router) {
        router.get("/api/customers/:id").handler(Responses.ok(this::card));
        router.get("/api/customers").handler(Responses.ok(this::search));
    }

    private Future<CustomerCard> card(RoutingContext rc) {
        long id = QueryParams.pathId(rc, "id");
        return blocking.run(() -> {
            Customer c = history.directory().find(id)
                    .orElseThrow(() -> new NotFoundException("no customer " + id));
            return new CustomerCard(c.id(), c.name(), c.customerClass(), c.phones(), c.createdAt(),
                    history.products(id), history.openTickets(id), history.recentCalls(id, RECENT_CALLS, null));
        });
    }

    private Future<Map<String, List<Customer>>> search(RoutingContext rc) {
        String phone = QueryParams.optionalText(rc, "phone", 32);
        String q = QueryParams.optionalText(rc, "q", 100);
        int limit = QueryParams.intInRange(rc, "limit", 1, 100, SEARCH_MAX);
        if (phone == null && q == null) {
            throw HttpError.badRequest("q", "give phone or q");
        }
        return blocking.run(() -> phone != null
                ? history.directory().findByPhone(phone).stream().toList()
                : history.directory().search(q, limit)).map(list -> Map.of("customers", list));
    }
}
