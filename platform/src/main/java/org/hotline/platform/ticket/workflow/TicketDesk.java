package org.hotline.platform.ticket.workflow;

import java.util.List;
import java.util.Optional;
import org.hotline.platform.user.User;

/**
 * The ticket workflow as the console and tools use it: read a ticket with its clocks and allowed actions, act on
 * it, search, and the worklist. Which tickets a user may see is decided here (the data-access policy), not by the
 * caller; every answer is a value, never an exception for a domain refusal.
 */
public interface TicketDesk {
    /** The ticket as {@code viewer} sees it; empty when there is no such ticket or it is not theirs to see. */
    Optional<TicketView> view(long ticketId, User viewer);

    /**
     * Takes one action of the ticket's workflow table. On {@link ActionOutcome.Done} the change, its clock effects
     * and its one history line were written in one transaction; on any other outcome nothing was written.
     */
    ActionOutcome act(long ticketId, ActionRequest request, User actor);

    /** Tickets matching {@code filter} that {@code viewer} may see, newest first. */
    TicketPage search(TicketFilter filter, User viewer);

    /**
     * What {@code user} should work on now: open tickets assigned to them, of their departments, or waiting for one
     * of their roles (a HANDED_OFF consultation for a coordinator, a NEW complaint for the complaint manager), nearest
     * deadline first.
     */
    List<TicketRow> worklist(User user, int limit);

    /**
     * The pickers of the ticket's action forms for {@code viewer}; empty when the ticket is not theirs to see (the same
     * rule as {@link #view}). The default offers nothing to pick (a desk without a directory): forms take typed names.
     */
    default Optional<ActionChoices> choices(long ticketId, User viewer) {
        return view(ticketId, viewer).map(v -> new ActionChoices(List.of(), List.of()));
    }
}
