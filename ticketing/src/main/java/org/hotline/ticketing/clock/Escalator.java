package org.hotline.ticketing.clock;

import java.time.Instant;
import org.apache.ibatis.session.SqlSession;

/**
 * What an escalation-ladder step that escalates does to the ticket itself (the workflow's {@code escalate} taken by
 * the system), in the alarm's transaction. Returns false when the ticket's state does not allow it (closed meanwhile).
 */
public interface Escalator {
    boolean escalate(SqlSession tx, long ticketId, String reason, Instant now);
}
