package org.hotline.ticketing.workflow;

import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.workflow.HistoryEntry;

/**
 * Told of every ticket change inside its transaction (creation included, as action {@code create}): e.g. the mail
 * channel queues a customer-visible reply for sending. A hook that throws rolls the change back.
 */
public interface TicketHook {
    void changed(SqlSession tx, Ticket after, HistoryEntry entry);
}
