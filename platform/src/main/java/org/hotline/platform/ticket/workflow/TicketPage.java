package org.hotline.platform.ticket.workflow;

import java.util.List;

/** One page of a ticket search and how many tickets match in all. */
public record TicketPage(List<TicketRow> rows, long total) {
    public TicketPage {
        rows = List.copyOf(rows);
    }
}
