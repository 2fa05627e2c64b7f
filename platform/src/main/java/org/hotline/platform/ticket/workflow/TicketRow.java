package org.hotline.platform.ticket.workflow;

import java.time.Instant;
import java.util.List;
import org.hotline.platform.ticket.Ticket;

/**
 * One line of a ticket list or worklist: the ticket, its customer's name (or the contact's), the departments
 * involved, its nearest running deadline ({@code nextClock}/{@code nextDueAt}, null when no clock runs), whether a
 * clock is breached ({@code overdue}) or the stagnation clock ran out ({@code stalled}), and for a worklist why it is
 * there ({@code why}: ASSIGNED_TO_YOU, YOUR_DEPARTMENT, YOUR_ROLE; null in a plain list).
 */
public record TicketRow(Ticket ticket, String customerName, List<String> departments, ClockName nextClock,
                        Instant nextDueAt, boolean overdue, boolean stalled, String why) {
    public TicketRow {
        departments = List.copyOf(departments);
    }
}
