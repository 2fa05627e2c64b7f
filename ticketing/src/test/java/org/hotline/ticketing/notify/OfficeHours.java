package org.hotline.ticketing.notify;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;
import org.hotline.ticketing.clock.WorkingHours;

/**
 * A plain calendar for the tests: Monday to Friday 09:00–18:00 in Beijing for the users named {@code office}, every
 * moment for everybody else (the hotline's 7×24 staff).
 */
final class OfficeHours implements WorkingHours {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final LocalTime START = LocalTime.of(9, 0);
    private static final LocalTime END = LocalTime.of(18, 0);

    private final Set<String> office;

    OfficeHours(Set<String> office) {
        this.office = office;
    }

    @Override
    public Instant nextWorkingMoment(SqlSession session, String username, Instant at) {
        if (!office.contains(username)) {
            return at;
        }
        ZonedDateTime t = at.atZone(BEIJING);
        while (true) {
            boolean workday = t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY;
            if (workday && !t.toLocalTime().isBefore(START) && t.toLocalTime().isBefore(END)) {
                return t.toInstant();
            }
            if (workday && t.toLocalTime().isBefore(START)) {
                return t.with(START).toInstant();
            }
            t = t.plusDays(1).with(START);
        }
    }
}
