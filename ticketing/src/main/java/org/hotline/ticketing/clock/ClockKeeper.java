package org.hotline.ticketing.clock;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.ticket.workflow.ClockView;

/**
 * A ticket's SLA clocks as rows in the database, changed inside the transaction of the workflow step that changes
 * them (the step's {@code tx}): due times from the policy chosen for the {@link ClockSubject} and the business
 * calendar of its departments, with their escalation-ladder alarms. The scheduler fires due alarms on its own.
 */
public interface ClockKeeper {
    /** Applies {@code effects} at {@code now}; records the policy version a started clock got. */
    void apply(SqlSession tx, ClockSubject subject, ClockEffects effects, Instant now);

    /** The ticket's clocks, in {@link org.hotline.platform.ticket.workflow.ClockName} order. */
    List<ClockView> clocks(SqlSession session, long ticketId);
}
