package org.hotline.platform.ticket.workflow;

/**
 * The answer to an {@link ActionRequest}: a result, not an exception. Only {@link Done} wrote anything; every other
 * outcome left the ticket, its clocks and its history as they were.
 */
public sealed interface ActionOutcome {
    /** The action happened; {@code ticket} is the ticket afterwards as the actor sees it. */
    record Done(TicketView ticket) implements ActionOutcome {
    }

    /** No such ticket, or one the actor may not see (HTTP 404). */
    record NotFound(long ticketId) implements ActionOutcome {
    }

    /** No workflow table knows an action of that name, in any state (HTTP 404 naming the field "action"). */
    record UnknownAction(String action) implements ActionOutcome {
    }

    /** The ticket's state does not allow the action at all (HTTP 409). */
    record NotAllowedNow(String status, String action) implements ActionOutcome {
    }

    /** The state allows the action, the actor's roles do not (HTTP 403). */
    record Forbidden(String action, String reason) implements ActionOutcome {
    }

    /** A field is missing or invalid (HTTP 400 naming it). */
    record Invalid(String field, String message) implements ActionOutcome {
    }

    /** Someone else changed the ticket since the actor read version {@code given} (HTTP 409). */
    record Stale(long given, long current) implements ActionOutcome {
    }
}
