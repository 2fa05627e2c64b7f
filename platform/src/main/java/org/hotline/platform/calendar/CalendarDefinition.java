package org.hotline.platform.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A business calendar as the admin edits it: a code (what {@code departments.calendar_code} names), a display name,
 * a time zone id, the working periods of each weekday in minutes of the local day, and dated exceptions (public
 * holidays and make-up working days, 调休).
 */
public record CalendarDefinition(String code, String name, String zone, Map<DayOfWeek, List<Period>> week,
                                 List<ExceptionDay> days) {
    public CalendarDefinition {
        EnumMap<DayOfWeek, List<Period>> copy = new EnumMap<>(DayOfWeek.class);
        if (week != null) {
            week.forEach((d, p) -> copy.put(d, List.copyOf(p)));
        }
        week = copy;
        days = days == null ? List.of() : List.copyOf(days);
    }

    /** [startMinute, endMinute) of a local day; endMinute 1440 is midnight. */
    public record Period(int startMinute, int endMinute) {
    }

    public enum DayKind { HOLIDAY, WORKDAY }

    /** A holiday (no working hours) or a make-up working day (a normal weekday's hours). */
    public record ExceptionDay(LocalDate date, DayKind kind, String name) {
    }
}
