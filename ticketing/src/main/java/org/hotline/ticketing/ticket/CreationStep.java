package org.hotline.ticketing.ticket;

import java.time.Instant;
import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.workflow.HistoryEntry;

/**
 * What the workflow adds to a ticket's creation: inside the creating transaction (start the clocks of NEW, call
 * the ticket hooks, notify the centre head of a MAJOR complaint; a throw rolls the creation back) and after the
 * commit (publish the change). Kept as a port so that the plain ticket store does not depend on the workflow.
 */
public interface CreationStep {
    CreationStep NONE = new CreationStep() {
        @Override
        public void inTransaction(SqlSession tx, Ticket created, HistoryEntry entry, Instant now) {
        }

        @Override
        public void afterCommit(Ticket created, String actor, Instant now) {
        }
    };

    void inTransaction(SqlSession tx, Ticket created, HistoryEntry entry, Instant now);

    void afterCommit(Ticket created, String actor, Instant now);
}
