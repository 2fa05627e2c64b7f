package org.hotline.console.tickets;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
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
import org.hotline.platform.ticket.TicketService;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.ActionChoices;
import org.hotline.platform.ticket.workflow.ActionOutcome;
import org.hotline.platform.ticket.workflow.ActionRequest;
import org.hotline.platform.ticket.workflow.TicketDesk;
import org.hotline.platform.ticket.workflow.TicketFilter;
import org.hotline.platform.user.User;

/**
 * Create, read, list and work tickets; the actor is always the logged-in user. Which call a new ticket may name is
 * {@link TicketLinks}'s answer; which tickets a user sees, which actions they may take and what an action needs is
 * the {@link TicketDesk}'s (this edge only parses, calls one port method and renders its answer).
 */
public final class TicketRoutes {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 200;
    private static final int MAX_OFFSET = 1_000_000;
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z-]{0,31}");

    private final TicketService tickets;
    private final TicketDesk desk;
    private final TicketLinks links;
    private final Blocking blocking;

    public TicketRoutes(TicketService tickets, TicketDesk desk, DataAccess access, Blocking blocking) {
        this.tickets = tickets;
        this.desk = desk;
        this.links = new TicketLinks(access);
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.post("/api/tickets").handler(Responses.json(201, this::create));
        router.get("/api/tickets/:id").handler(Responses.ok(this::one));
        router.get("/api/tickets").handler(Responses.ok(this::list));
        router.post("/api/tickets/:id/actions/:action").handler(Responses.ok(this::act));
        router.get("/api/worklist").handler(Responses.ok(this::worklist));
        router.get("/api/tickets/:id/choices").handler(Responses.ok(this::choices));
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

    /** The ticket as the caller sees it; one that exists but is not theirs to see is a 403. */
    private Future<ObjectNode> one(RoutingContext rc) {
        long id = QueryParams.pathId(rc, "id");
        User user = AuthHandler.user(rc);
        return blocking.run(() -> desk.view(id, user).map(TicketJson::view).orElseThrow(() -> {
            if (tickets.find(id).isPresent()) {
                return HttpError.forbidden("ticket " + id + " is not one you may see");
            }
            return new NotFoundException("no ticket " + id);
        }));
    }

    private Future<ObjectNode> act(RoutingContext rc) {
        long id = QueryParams.pathId(rc, "id");
        String action = rc.pathParam("action");
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new HttpError(404, "action", "unknown action " + QueryParams.clip(String.valueOf(action)));
        }
        JsonBody body = JsonBody.of(rc);
        Long version = body.optionalLong("version");
        if (version == null) {
            throw HttpError.badRequest("version", "version is required (the version of the ticket you saw)");
        }
        ActionRequest request = new ActionRequest(action, version, body.plainFields("version"));
        User user = AuthHandler.user(rc);
        return blocking.run(() -> switch (desk.act(id, request, user)) {
            case ActionOutcome.Done done -> TicketJson.view(done.ticket());
            case ActionOutcome.NotFound nf -> throw new NotFoundException("no ticket " + id);
            case ActionOutcome.UnknownAction u -> throw new HttpError(404, "action", "unknown action " + u.action());
            case ActionOutcome.NotAllowedNow n -> throw new HttpError(409, null,
                    "not allowed now: the ticket is " + n.status() + ", where " + n.action() + " is not possible");
            case ActionOutcome.Stale s -> throw new HttpError(409, "version", "stale: the ticket was changed by "
                    + "someone else meanwhile (you sent version " + s.given() + ", it is now " + s.current()
                    + "); reload it and try again");
            case ActionOutcome.Forbidden f -> throw HttpError.forbidden(f.reason());
            case ActionOutcome.Invalid i -> throw HttpError.badRequest(i.field(), i.message());
        });
    }

    private Future<ObjectNode> list(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        String assignee = QueryParams.optionalText(rc, "assignee", 64);
        TicketFilter filter = new TicketFilter(type(QueryParams.optionalText(rc, "type", 32)),
                statuses(QueryParams.optionalText(rc, "status", 200)),
                "me".equalsIgnoreCase(assignee) ? user.username() : assignee,
                QueryParams.optionalText(rc, "department", 32), QueryParams.flag(rc, "overdue"),
                QueryParams.flag(rc, "stalled"), QueryParams.optionalText(rc, "q", 100),
                QueryParams.optionalLong(rc, "customerId"),
                QueryParams.intInRange(rc, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT),
                QueryParams.intInRange(rc, "offset", 0, MAX_OFFSET, 0),
                QueryParams.flag(rc, "mine") ? user.username() : null);
        return blocking.run(() -> desk.search(filter, user)).map(page -> {
            ObjectNode json = Json.mapper().createObjectNode();
            json.set("tickets", TicketJson.rows(page.rows()));
            json.put("total", page.total());
            return json;
        });
    }

    private Future<ObjectNode> worklist(RoutingContext rc) {
        User user = AuthHandler.user(rc);
        int limit = QueryParams.intInRange(rc, "limit", 1, MAX_LIMIT, 50);
        return blocking.run(() -> desk.worklist(user, limit)).map(rows -> {
            ObjectNode json = Json.mapper().createObjectNode();
            json.set("tickets", TicketJson.rows(rows));
            return json;
        });
    }

    private static TicketType type(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return TicketType.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("type", "unknown type: " + QueryParams.clip(raw));
        }
    }

    /** {@code status=NEW,IN_PROGRESS} → the set; null → any. */
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

    /** The pickers of the ticket's action forms (assignees, departments); 404 for a ticket the caller may not see. */
    private Future<ActionChoices> choices(RoutingContext rc) {
        long id = QueryParams.pathId(rc, "id");
        User user = AuthHandler.user(rc);
        return blocking.run(() -> desk.choices(id, user).orElseThrow(() -> new NotFoundException("no ticket " + id)));
    }
}
