package org.hotline.console.customers;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.calls.CallSummary;
import org.hotline.console.callcontrol.CallReplies;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.QueryParams;
import org.hotline.console.http.Responses;
import org.hotline.console.tickets.TicketSummary;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.CustomerDraft;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.user.User;

/**
 * Customer card and search, and the agent's create and edit and the administrator's merge. A create or an edit that
 * looks like an existing customer is a 409 that names it ({@link CustomerReplies}), so the console can offer "use
 * the existing record".
 */
public final class CustomerRoutes {
    private static final int RECENT_CALLS = 10;
    private static final int SEARCH_MAX = 20;
    private static final long BODY_LIMIT_BYTES = 64 * 1024;

    private final CustomerHistory history;
    private final Blocking blocking;

    public CustomerRoutes(CustomerHistory history, Blocking blocking) {
        this.history = history;
        this.blocking = blocking;
    }

    /** {@code GET /api/customers/{id}}. */
    public record CustomerCard(long id, String name, CustomerClass customerClass, List<String> phones,
                               Instant createdAt, List<ProductView> products, List<TicketSummary> openTickets,
                               List<CallSummary> recentCalls, Long mergedInto) {
    }

    public void mount(Router router) {
        router.get("/api/customers/:id").handler(Responses.ok(this::card));
        router.get("/api/customers").handler(Responses.ok(this::search));
        router.post("/api/customers").handler(CustomerReplies.handler(this::create));
        // the console's body handler reads POST bodies only; a second body handler on a route is a no-op
        router.put("/api/customers/:id").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.put("/api/customers/:id").handler(CustomerReplies.handler(this::update));
        router.post("/api/customers/:id/merge").handler(CustomerReplies.handler(this::merge));
    }

    private Future<CustomerReplies.Reply> create(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        JsonBody body = JsonBody.of(rc);
        CustomerDraft draft = CustomerForm.parse(body);
        boolean confirm = body.optionalBoolean("confirmDuplicate", false);
        String address = CallReplies.clientAddress(rc);
        return blocking.run(() -> CustomerReplies.saved(history.directory().create(draft, confirm, user.username(),
                address), 201));
    }

    private Future<CustomerReplies.Reply> update(RoutingContext rc) {
        long id = QueryParams.pathId(rc, "id");
        CustomerDraft draft = CustomerForm.parse(JsonBody.of(rc));
        User user = AuthHandler.user(rc);
        String address = CallReplies.clientAddress(rc);
        return blocking.run(() -> CustomerReplies.saved(history.directory().update(id, draft, user.username(),
                address), 200));
    }

    private Future<CustomerReplies.Reply> merge(RoutingContext rc) {
        long id = QueryParams.pathId(rc, "id");
        User user = AuthHandler.user(rc);
        Long into = JsonBody.of(rc).optionalLong("into");
        if (into == null) {
            throw HttpError.badRequest("into", "into is required: the id of the customer that stays");
        }
        String address = CallReplies.clientAddress(rc);
        return blocking.run(() -> CustomerReplies.merged(history.directory().merge(id, into, user.username(),
                address)));
    }

    private Future<CustomerCard> card(RoutingContext rc) {
        long id = QueryParams.pathId(rc, "id");
        return blocking.run(() -> {
            Customer c = history.directory().find(id)
                    .orElseThrow(() -> new NotFoundException("no customer " + id));
            return new CustomerCard(c.id(), c.name(), c.customerClass(), c.phones(), c.createdAt(),
                    history.products(id), history.openTickets(id), history.recentCalls(id, RECENT_CALLS, null),
                    history.directory().mergedInto(id).orElse(null));
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
