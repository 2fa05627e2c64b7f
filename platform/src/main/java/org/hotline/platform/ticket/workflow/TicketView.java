package org.hotline.platform.ticket.workflow;

import java.util.List;
import org.hotline.platform.ticket.Ticket;

/**
 * A ticket as one user sees it at one moment (the body of {@code GET /api/tickets/{id}} and of every action's
 * answer): its fields, the departments involved (codes), the version to send back with the next action, its clocks,
 * the actions this user may take now, and its history oldest first.
 */
public record TicketView(Ticket ticket, List<String> departments, long version, List<ClockView> clocks,
                         List<AllowedAction> allowedActions, List<HistoryEntry> history) {
    public TicketView {
        departments = List.copyOf(departments);
        clocks = List.copyOf(clocks);
        allowedActions = List.copyOf(allowedActions);
        history = List.copyOf(history);
    }
}
