package org.hotline.ticketing.intake;

import java.time.Instant;
import org.apache.ibatis.session.SqlSession;

/**
 * How a customer's message that came in on its own (a mail answer threaded by the ticket number) joins its ticket,
 * inside the intake's transaction. The workflow's desk is one: it takes the message as the "customer-message" step
 * of every ticket, so that it bumps the version, counts as activity for the stagnation clock and is published like
 * any other change. A port, so that the intake does not depend on the workflow (which is started later, or not at
 * all in a plain ticket store).
 */
public interface CustomerMessageStep {
    /**
     * Writes the message ({@code actor}: who took it in, e.g. the mail's inbox row; {@code sender}: where it came
     * from) onto ticket {@code ticketId} inside {@code tx}.
     *
     * @return false when nothing was written (no such ticket, or no workflow to take it)
     */
    boolean record(SqlSession tx, long ticketId, String actor, String sender, String text, Instant now);

    /** Without a workflow: nothing written by the step (the caller keeps a plain history line). */
    CustomerMessageStep NONE = (tx, ticketId, actor, sender, text, now) -> false;
}
