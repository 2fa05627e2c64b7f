package org.hotline.ticketing.clock;

import java.time.Instant;
import org.apache.ibatis.session.SqlSession;
import org.hotline.ticketing.calendar.DbCalendars;

/** {@link WorkingHours} from the calendar of the user's first department (by id), else the centre's default. */
public final class DbWorkingHours implements WorkingHours {
    private final DbCalendars calendars;

    public DbWorkingHours(DbCalendars calendars) {
        this.calendars = calendars;
    }

    @Override
    public Instant nextWorkingMoment(SqlSession session, String username, Instant at) {
        return calendars.ofUser(session, username).nextWorkingMoment(at);
    }
}
