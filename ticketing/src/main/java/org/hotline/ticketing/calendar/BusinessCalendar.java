package org.hotline.ticketing.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Working time of a service centre as a pure value, so that every SLA deadline is computed the same way on every node
 * and tested without a database: weekly working periods per weekday in a time zone, plus dated exceptions
 * (public holidays without hours; make-up working days, 调休, worked with the hours of a normal weekday).
 * Searches are bounded to {@value #HORIZON_DAYS} days, and a calendar must have working hours in its week.
 */
public final class BusinessCalendar {
    static final int HORIZON_DAYS = 3 * 366;

    /** A working period of a local day in minutes, [start, end); end 1440 is midnight. */
    public record Period(int startMinute, int endMinute) {
        public Period {
            if (startMinute < 0 || endMinute > 1440 || startMinute >= endMinute) {
                throw new IllegalArgumentException("bad period " + startMinute + "-" + endMinute);
            }
        }
    }

    public enum DayKind { HOLIDAY, WORKDAY }

    /** A dated exception to the week. */
    public record Day(LocalDate date, DayKind kind, String name) {
    }

    private final String code;
    private final String name;
    private final ZoneId zone;
    private final Map<DayOfWeek, List<Period>> week;
    private final Map<LocalDate, Day> days;
    private final List<Period> workdayHours;

    public BusinessCalendar(String code, String name, ZoneId zone, Map<DayOfWeek, List<Period>> week,
                            List<Day> days) {
        this.code = code;
        this.name = name;
        this.zone = zone;
        EnumMap<DayOfWeek, List<Period>> w = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            List<Period> periods = new ArrayList<>(week.getOrDefault(d, List.of()));
            periods.sort((a, b) -> Integer.compare(a.startMinute(), b.startMinute()));
            for (int i = 1; i < periods.size(); i++) {
                if (periods.get(i).startMinute() < periods.get(i - 1).endMinute()) {
                    throw new IllegalArgumentException("overlapping periods on " + d);
                }
            }
            w.put(d, List.copyOf(periods));
        }
        this.week = w;
        this.workdayHours = w.values().stream().filter(p -> !p.isEmpty()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a calendar needs working hours in its week"));
        TreeMap<LocalDate, Day> byDate = new TreeMap<>();
        for (Day d : days) {
            if (byDate.put(d.date(), d) != null) {
                throw new IllegalArgumentException("day " + d.date() + " listed twice");
            }
        }
        this.days = byDate;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public Map<DayOfWeek, List<Period>> week() {
        return week;
    }

    public List<Day> days() {
        return List.copyOf(days.values());
    }

    /** The working periods of a local date: none on a holiday, a weekday's on a make-up working day. */
    public List<Period> periodsOn(LocalDate date) {
        Day exception = days.get(date);
        if (exception == null) {
            return week.get(date.getDayOfWeek());
        }
        return exception.kind() == DayKind.HOLIDAY ? List.of() : workdayHours;
    }

    public boolean isWorking(Instant at) {
        return nextWorkingMoment(at).equals(at);
    }

    /** {@code at} when it is working time, else the start of the next working period. */
    public Instant nextWorkingMoment(Instant at) {
        LocalDate date = LocalDate.ofInstant(at, zone);
        for (int i = 0; i < HORIZON_DAYS; i++, date = date.plusDays(1)) {
            for (Period p : periodsOn(date)) {
                Instant start = instant(date, p.startMinute());
                Instant end = instant(date, p.endMinute());
                if (end.isAfter(at)) {
                    return start.isAfter(at) ? start : at;
                }
            }
        }
        throw new IllegalStateException("no working time within " + HORIZON_DAYS + " days in calendar " + code);
    }

    /** The instant after {@code amount} of working time from {@code start} (a negative amount counts backwards). */
    public Instant plus(Instant start, Duration amount) {
        if (amount.isNegative()) {
            return minus(start, amount.negated());
        }
        if (amount.isZero()) {
            return start;
        }
        Duration left = amount;
        LocalDate date = LocalDate.ofInstant(start, zone);
        for (int i = 0; i < HORIZON_DAYS; i++, date = date.plusDays(1)) {
            for (Period p : periodsOn(date)) {
                Instant from = max(instant(date, p.startMinute()), start);
                Instant end = instant(date, p.endMinute());
                if (!end.isAfter(from)) {
                    continue;
                }
                Duration available = Duration.between(from, end);
                if (left.compareTo(available) <= 0) {
                    return from.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("no working time within " + HORIZON_DAYS + " days in calendar " + code);
    }

    /** The instant {@code amount} of working time before {@code end}. */
    public Instant minus(Instant end, Duration amount) {
        if (amount.isZero()) {
            return end;
        }
        Duration left = amount;
        LocalDate date = LocalDate.ofInstant(end, zone);
        for (int i = 0; i < HORIZON_DAYS; i++, date = date.minusDays(1)) {
            List<Period> periods = periodsOn(date);
            for (int k = periods.size() - 1; k >= 0; k--) {
                Period p = periods.get(k);
                Instant start = instant(date, p.startMinute());
                Instant to = min(instant(date, p.endMinute()), end);
                if (!to.isAfter(start)) {
                    continue;
                }
                Duration available = Duration.between(start, to);
                if (left.compareTo(available) <= 0) {
                    return to.minus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("no working time within " + HORIZON_DAYS + " days in calendar " + code);
    }

    /** Working time in [from, to); negative when {@code to} is before {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return between(to, from).negated();
        }
        Duration total = Duration.ZERO;
        LocalDate last = LocalDate.ofInstant(to, zone);
        for (LocalDate date = LocalDate.ofInstant(from, zone); !date.isAfter(last); date = date.plusDays(1)) {
            for (Period p : periodsOn(date)) {
                Instant s = max(instant(date, p.startMinute()), from);
                Instant e = min(instant(date, p.endMinute()), to);
                if (e.isAfter(s)) {
                    total = total.plus(Duration.between(s, e));
                }
            }
        }
        return total;
    }

    private Instant instant(LocalDate date, int minute) {
        if (minute == 1440) {
            return date.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.of(date, LocalTime.of(minute / 60, minute % 60), zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
