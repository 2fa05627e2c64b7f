package org.hotline.ticketing.clock;

import java.time.Instant;
import org.apache.ibatis.session.SqlSession;

/** When a user next works: the calendar of their department (or the centre's default). */
public interface WorkingHours {
    /** {@code at} itself when it falls in the user's working hours, else the start of their next working period. */
    Instant nextWorkingMoment(SqlSession session, String username, Instant at);
}
