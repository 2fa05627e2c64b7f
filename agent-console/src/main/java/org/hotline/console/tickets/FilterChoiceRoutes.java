package org.hotline.console.tickets;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.Responses;
import org.hotline.platform.ticket.workflow.ActionChoices;

/**
 * {@code GET /api/tickets/choices}: the pickers of the ticket list's filters ({@link FilterChoices}). Mounted before
 * {@link TicketRoutes}, whose {@code /api/tickets/:id} would otherwise take "choices" for a ticket id.
 */
public final class FilterChoiceRoutes {
    private final FilterChoices choices;
    private final Blocking blocking;

    public FilterChoiceRoutes(FilterChoices choices, Blocking blocking) {
        this.choices = choices;
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.get("/api/tickets/choices").handler(Responses.ok(this::choices));
    }

    private Future<ActionChoices> choices(RoutingContext rc) {
        return blocking.run(choices::forFilters);
    }
}
