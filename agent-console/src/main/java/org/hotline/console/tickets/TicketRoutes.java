package org.hotline.console.tickets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hotline.console.access.DataAccess;
import org.hotline.console.access.TicketLinks;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.HttpError;
import org.hotline.console.http.Json;
import org.hotline.console.http.JsonBody;
import org.hotline.console.http.QueryParams;
import org.hotline.console.http.Responses;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketQuery;
import org.hotline.platform.ticket.TicketService;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.user.User;

/**
 * Create, read and list tickets; the actor is always the logged-in user. Which call a new ticket may name is
 * {@link TicketLinks}'s answer, which tickets a user may read {@link DataAccess}'s.
 */
public final class TicketRoutes {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 200;

    private final TicketService tickets;
    private final DataAccess access;
    private final TicketLinks links;
    private final Blocking blocking;

    public TicketRoutes(TicketService tickets, DataAccess access, Blocking blocking) {
        this.tickets = tickets;
        this.access = access;
        this.links = new TicketLinks(access);
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.post("/api/tickets").handler(Responses.json(201, this::create));
        router.get("/api/tickets/:id").handler(Responses.ok(this::one));
        router.get("/api/tickets").handler(Responses.ok(this::list));
    }

    private Future<Ticket> create(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        NewTicket ticket = TicketForm.parse(JsonBody.of(rc));
        return blocking.run(() -> {
            if (links.check(user, ticket) instanceof TicketLinks.Refused refused) {
                throw new HttpError(refused.status(), refused.field(), refused.message());
            }
            return tickets.create(ticket, user.username());
        });
    }

    /** The ticket's fields plus {@code history}, its audit trail. */
    private Future<ObjectNode> one(RoutingContext rc) {
        long id = QueryParams.pathId(rc, "id");
        User user = AuthHandler.user(rc);
        return blocking.run(() -> {
            Ticket ticket = tickets.find(id).orElseThrow(() -> new NotFoundException("no ticket " + id));
            if (!access.mayRead(user, ticket)) {
                throw HttpError.forbidden("ticket " + id + " is neither yours nor of the customer you are serving");
            }
            ObjectNode json = Json.mapper().valueToTree(ticket);
            json.set("history", Json.mapper().valueToTree(tickets.history(id)));
            return json;
        });
    }

    private Future<Map<String, List<Ticket>>> list(RoutingContext rc) {
        Long customerId = QueryParams.optionalLong(rc, "customerId");
        User user = AuthHandler.user(rc);
        String createdBy = QueryParams.flag(rc, "mine") ? user.username() : null;
        int limit = QueryParams.intInRange(rc, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        Set<TicketStatus> statuses = statuses(QueryParams.optionalText(rc, "status", 100));
        TicketQuery query = new TicketQuery(customerId, createdBy, statuses, limit);
        return blocking.run(() -> tickets.search(access.narrow(user, query))).map(list -> Map.of("tickets", list));
    }

    /** {@code status=OPEN,IN_PROGRESS} → the set; null → any. */
    private static Set<TicketStatus> statuses(String raw) {
        if (raw == null) {
            return Set.of();
        }
        Set<TicketStatus> result = EnumSet.noneOf(TicketStatus.class);
        for (String part : raw.split(",")) {
            try {
                result.add(TicketStatus.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("status", "unknown status: " + part.strip());
            }
        }
        return result;
    }
}
