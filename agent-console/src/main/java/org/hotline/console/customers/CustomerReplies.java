package org.hotline.console.customers;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.Responses;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerMergeOutcome;
import org.hotline.platform.customer.CustomerSaveOutcome;
import org.hotline.platform.customer.DuplicateMatch;
import org.hotline.platform.error.NotFoundException;

/**
 * Renders the customer directory's outcomes as HTTP: saved → 201/200 with the customer and what was left out, a
 * duplicate → 409 {@code {"error", "field": null, "existing": {"id", "name", "matched"}}}, invalid → 400 naming the
 * field, unknown → 404, already merged → 409.
 */
final class CustomerReplies {
    private CustomerReplies() {
    }

    /** A status and a body; the status depends on the outcome, so it is not fixed per route. */
    record Reply(int status, Object body) {
    }

    /** {@code POST/PUT} answers: the customer, and the phones and serials a confirmed duplicate could not take. */
    record SavedBody(Customer customer, List<String> phonesLeftOut, List<String> serialsLeftOut) {
    }

    /** The customer a new or edited one duplicates. */
    record Existing(long id, String name, DuplicateMatch matched) {
    }

    record DuplicateBody(String error, String field, Existing existing) {
    }

    /** {@code POST /api/customers/{id}/merge}: the survivor as it is now. */
    record MergedBody(Customer survivor, long mergedId) {
    }

    static Handler<RoutingContext> handler(Function<RoutingContext, Future<Reply>> route) {
        return rc -> {
            Future<Reply> reply;
            try {
                reply = route.apply(rc);
            } catch (RuntimeException e) {
                rc.fail(e);
                return;
            }
            reply.onSuccess(r -> Responses.send(rc, r.status(), r.body())).onFailure(rc::fail);
        };
    }

    static Reply saved(CustomerSaveOutcome outcome, int status) {
        return switch (outcome) {
            case CustomerSaveOutcome.Saved s -> new Reply(status,
                    new SavedBody(s.customer(), s.phonesLeftOut(), s.serialsLeftOut()));
            case CustomerSaveOutcome.Duplicate d -> new Reply(409, new DuplicateBody(
                    "looks like customer " + d.existingId() + " (" + d.existingName() + "): " + reason(d.matched()),
                    null, new Existing(d.existingId(), d.existingName(), d.matched())));
            case CustomerSaveOutcome.Invalid i -> throw HttpError.badRequest(i.field(), i.message());
            case CustomerSaveOutcome.Unknown u -> throw new NotFoundException("no customer " + u.id());
        };
    }

    static Reply merged(CustomerMergeOutcome outcome) {
        return switch (outcome) {
            case CustomerMergeOutcome.Merged m -> new Reply(200, new MergedBody(m.survivor(), m.mergedId()));
            case CustomerMergeOutcome.Unknown u -> throw new NotFoundException("no customer " + u.id());
            case CustomerMergeOutcome.AlreadyMerged a -> new Reply(409, Map.of("error", "customer " + a.customerId()
                    + " was already merged into " + a.mergedInto()));
            case CustomerMergeOutcome.Invalid i -> throw HttpError.badRequest(i.field(), i.message());
        };
    }

    private static String reason(DuplicateMatch matched) {
        return switch (matched) {
            case PHONE -> "the same phone; confirm to create a duplicate record without it";
            case SERIAL -> "the same product serial; confirm to create a duplicate record without that product";
            case SIMILAR_NAME -> "a similar name; confirm to create a new customer anyway";
        };
    }
}
