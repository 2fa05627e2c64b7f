package org.hotline.ticketing.calendar;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.Times;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditLog;
import org.hotline.platform.audit.AuditOutcome;
import org.hotline.platform.calendar.CalendarDefinition;
import org.hotline.platform.calendar.CalendarDefinition.ExceptionDay;
import org.hotline.platform.calendar.Calendars;
import org.hotline.ticketing.calendar.BusinessCalendar.Day;
import org.hotline.ticketing.calendar.BusinessCalendar.DayKind;
import org.hotline.ticketing.calendar.BusinessCalendar.Period;
import org.hotline.ticketing.calendar.CalendarMapper.CalendarRow;
import org.hotline.ticketing.calendar.CalendarMapper.DayRow;
import org.hotline.ticketing.calendar.CalendarMapper.PeriodRow;
import org.hotline.ticketing.db.Database;

/**
 * The business calendars in the database, for admins ({@link Calendars}) and for the clocks ({@link #calendar}).
 * Clocks read a calendar on every change, so a node keeps parsed calendars and re-reads one only when its
 * {@code updated_at} moved: an admin's edit on one node is seen by the others at their next clock change.
 */
public final class DbCalendars implements Calendars {
    /** The centre's calendar for departments that name none. */
    public static final String DEFAULT = "default";
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final int MAX_DAYS = 2000;

    private record Cached(Instant updatedAt, BusinessCalendar calendar) {
    }

    private final Database db;
    private final Clock clock;
    private final AuditLog audit;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public DbCalendars(Database db, Clock clock, AuditLog audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
        db.registerMapper(CalendarMapper.class);
    }

    /** The calendar {@code code}; the default calendar when {@code code} is null or unknown. */
    public BusinessCalendar calendar(SqlSession session, String code) {
        CalendarMapper m = session.getMapper(CalendarMapper.class);
        String c = code == null ? DEFAULT : code;
        Instant updatedAt = m.updatedAt(c);
        if (updatedAt == null) {
            c = DEFAULT;
            updatedAt = m.updatedAt(c);
        }
        Cached cached = cache.get(c);
        if (cached != null && cached.updatedAt().equals(updatedAt)) {
            return cached.calendar();
        }
        BusinessCalendar loaded = load(m, m.calendar(c));
        cache.put(c, new Cached(updatedAt, loaded));
        return loaded;
    }

    /** The code of the calendar of a ticket with these departments: the first one's, else the default. */
    public String codeForDepartments(SqlSession session, List<Long> departmentIds) {
        if (departmentIds.isEmpty()) {
            return DEFAULT;
        }
        String code = session.getMapper(CalendarMapper.class).calendarOfDepartment(departmentIds.get(0));
        return code == null ? DEFAULT : code;
    }

    /** The calendar of a user: their first department's (by id), else the default. */
    public BusinessCalendar ofUser(SqlSession session, String username) {
        return calendar(session, session.getMapper(CalendarMapper.class).calendarOfUser(username));
    }

    @Override
    public List<CalendarDefinition> all() {
        return db.withSession(s -> {
            CalendarMapper m = s.getMapper(CalendarMapper.class);
            List<CalendarDefinition> out = new ArrayList<>();
            for (CalendarRow row : m.calendars()) {
                out.add(toDefinition(load(m, row)));
            }
            return out;
        });
    }

    @Override
    public SaveOutcome save(String actor, String address, CalendarDefinition def) {
        SaveOutcome.Invalid invalid = validate(def);
        if (invalid != null) {
            return invalid;
        }
        BusinessCalendar cal = toCalendar(def);
        db.inTransaction(s -> {
            CalendarMapper m = s.getMapper(CalendarMapper.class);
            Instant now = Times.now(clock);
            Instant previous = m.lock(def.code());
            // strictly later, so that every node sees the change even within one millisecond
            Instant at = previous != null && !now.isAfter(previous) ? previous.plusMillis(1) : now;
            if (previous == null) {
                m.insertCalendar(def.code(), def.name(), def.zone(), at);
            } else {
                m.updateCalendar(def.code(), def.name(), def.zone(), at);
                m.deletePeriods(def.code());
                m.deleteDays(def.code());
            }
            cal.week().forEach((weekday, periods) -> {
                for (int i = 0; i < periods.size(); i++) {
                    Period p = periods.get(i);
                    m.insertPeriod(new PeriodRow(def.code(), weekday.name(), i, p.startMinute(), p.endMinute()));
                }
            });
            for (Day d : cal.days()) {
                m.insertDay(new DayRow(def.code(), d.date(), d.kind().name(), d.name()));
            }
            return null;
        });
        audit.record(new AuditEntry(Times.now(clock), actor, address, "calendar.save", "calendar:" + def.code(),
                AuditOutcome.SUCCESS, def.days().size() + " dated days"));
        return new SaveOutcome.Saved(toDefinition(cal));
    }

    private static SaveOutcome.Invalid validate(CalendarDefinition def) {
        if (def.code() == null || !CODE.matcher(def.code()).matches()) {
            return new SaveOutcome.Invalid("code", "code: 1-32 lower-case letters, digits, '-' or '_'");
        }
        if (def.name() == null || def.name().isBlank() || def.name().length() > 100) {
            return new SaveOutcome.Invalid("name", "name is required (at most 100 characters)");
        }
        try {
            ZoneId.of(def.zone() == null ? "" : def.zone());
        } catch (DateTimeException e) {
            return new SaveOutcome.Invalid("zone", "zone must be a time zone id such as Asia/Shanghai");
        }
        boolean anyHours = false;
        for (Map.Entry<DayOfWeek, List<CalendarDefinition.Period>> e : def.week().entrySet()) {
            String field = "week." + e.getKey();
            int lastEnd = -1;
            List<CalendarDefinition.Period> sorted = new ArrayList<>(e.getValue());
            sorted.sort((a, b) -> Integer.compare(a.startMinute(), b.startMinute()));
            for (CalendarDefinition.Period p : sorted) {
                if (p.startMinute() < 0 || p.endMinute() > 1440 || p.startMinute() >= p.endMinute()) {
                    return new SaveOutcome.Invalid(field, field + ": a period must start before it ends, within the day");
                }
                if (p.startMinute() < lastEnd) {
                    return new SaveOutcome.Invalid(field, field + ": periods overlap");
                }
                lastEnd = p.endMinute();
                anyHours = true;
            }
        }
        if (!anyHours) {
            return new SaveOutcome.Invalid("week", "week: at least one working period is required");
        }
        if (def.days().size() > MAX_DAYS) {
            return new SaveOutcome.Invalid("days", "days: at most " + MAX_DAYS);
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < def.days().size(); i++) {
            ExceptionDay d = def.days().get(i);
            String field = "days[" + i + "]";
            if (d == null || d.date() == null || d.kind() == null) {
                return new SaveOutcome.Invalid(field, field + ": date and kind (HOLIDAY or WORKDAY) are required");
            }
            if (d.name() == null || d.name().isBlank() || d.name().length() > 100) {
                return new SaveOutcome.Invalid(field + ".name", field + ".name is required (at most 100 characters)");
            }
            if (!seen.add(d.date())) {
                return new SaveOutcome.Invalid(field + ".date", field + ".date " + d.date() + " is listed twice");
            }
        }
        return null;
    }

    private static BusinessCalendar toCalendar(CalendarDefinition def) {
        Map<DayOfWeek, List<Period>> week = new EnumMap<>(DayOfWeek.class);
        def.week().forEach((d, ps) -> week.put(d, ps.stream().map(p -> new Period(p.startMinute(), p.endMinute()))
                .toList()));
        List<Day> days = def.days().stream()
                .map(d -> new Day(d.date(), DayKind.valueOf(d.kind().name()), d.name().strip())).toList();
        return new BusinessCalendar(def.code(), def.name().strip(), ZoneId.of(def.zone()), week, days);
    }

    private static CalendarDefinition toDefinition(BusinessCalendar cal) {
        Map<DayOfWeek, List<CalendarDefinition.Period>> week = new EnumMap<>(DayOfWeek.class);
        cal.week().forEach((d, ps) -> week.put(d, ps.stream()
                .map(p -> new CalendarDefinition.Period(p.startMinute(), p.endMinute())).toList()));
        List<ExceptionDay> days = cal.days().stream().map(d -> new ExceptionDay(d.date(),
                CalendarDefinition.DayKind.valueOf(d.kind().name()), d.name())).toList();
        return new CalendarDefinition(cal.code(), cal.name(), cal.zone().getId(), week, days);
    }

    private static BusinessCalendar load(CalendarMapper m, CalendarRow row) {
        Map<DayOfWeek, List<Period>> week = new EnumMap<>(DayOfWeek.class);
        for (PeriodRow p : m.periods(row.code())) {
            week.computeIfAbsent(DayOfWeek.valueOf(p.weekday()), d -> new ArrayList<>())
                    .add(new Period(p.startMinute(), p.endMinute()));
        }
        List<Day> days = m.days(row.code()).stream()
                .map(d -> new Day(d.day(), DayKind.valueOf(d.kind()), d.name())).toList();
        return new BusinessCalendar(row.code(), row.name(), ZoneId.of(row.zone()), week, days);
    }
}
