package org.hotline.platform.ticket.workflow;

import java.util.List;
import org.hotline.platform.ticket.Ticket;

/**
 * A ticket as one user sees it at one moment (the body of {@code GET /api/tickets/{id}} and of every action's
 * answer): its fields, the departments involved (codes), the version to send back with the next action, its clocks,
 * the actions this user may take now, its history oldest first, and the name of its customer (null for a ticket
 * without one; the contact's name is on the ticket) so that a ticket's page says whom it serves.
 */
public record TicketView(Ticket ticket, List<String> departments, long version, List<ClockView> clocks,
                         List<AllowedAction> allowedActions, List<HistoryEntry> history, String customerName) {
    public TicketView {
        departments = List.copyOf(departments);
        clocks = List.copyOf(clocks);
        allowedActions = List.copyOf(allowedActions);
        history = List.copyOf(history);
    }

    /** A view without a customer name (a ticket without a customer). */
    public TicketView(Ticket ticket, List<String> departments, long version, List<ClockView> clocks,
                      List<AllowedAction> allowedActions, List<HistoryEntry> history) {
        this(ticket, departments, version, clocks, allowedActions, history, null);
    }
}
