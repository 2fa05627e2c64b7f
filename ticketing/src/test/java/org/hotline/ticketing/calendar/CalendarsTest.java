package org.hotline.ticketing.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.hotline.platform.calendar.CalendarDefinition;
import org.hotline.platform.calendar.CalendarDefinition.DayKind;
import org.hotline.platform.calendar.CalendarDefinition.ExceptionDay;
import org.hotline.platform.calendar.CalendarDefinition.Period;
import org.hotline.platform.calendar.Calendars.SaveOutcome;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.user.LockoutPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CalendarsTest extends DatabaseTestSupport {
    private Ticketing ticketing;
    private DbCalendars calendars;

    @BeforeAll
    void setUp() {
        ticketing = new Ticketing(db, clock, 1_000, LockoutPolicy.DEFAULT);
        calendars = ticketing.calendars();
    }

    private static Instant beijing(String local) {
        return LocalDateTime.parse(local).atZone(BEIJING).toInstant();
    }

    private CalendarDefinition byCode(String code) {
        return calendars.all().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void theDefaultCalendarShipsWithTheChineseHolidaysOf2027() {
        CalendarDefinition def = byCode("default");
        assertThat(def.zone()).isEqualTo("Asia/Shanghai");
        assertThat(def.week().get(DayOfWeek.MONDAY)).containsExactly(new Period(540, 1080));
        assertThat(def.week().get(DayOfWeek.SATURDAY)).isEmpty();
        assertThat(def.days()).contains(new ExceptionDay(LocalDate.parse("2027-02-06"), DayKind.HOLIDAY, "春节"),
                new ExceptionDay(LocalDate.parse("2027-10-01"), DayKind.HOLIDAY, "国庆节"),
                new ExceptionDay(LocalDate.parse("2027-05-08"), DayKind.WORKDAY, "劳动节调休上班"));
        assertThat(def.days()).extracting(ExceptionDay::name).contains("元旦", "清明节", "端午节", "中秋节");
        BusinessCalendar cal = db.withSession(s -> calendars.calendar(s, null));
        assertThat(cal.nextWorkingMoment(beijing("2027-02-04T18:30"))).isEqualTo(beijing("2027-02-14T09:00"));
        assertThat(byCode("24x7").week()).hasSize(7);
    }

    @Test
    void anAdminSavesACalendarAndTheClocksUseItAtOnce() {
        BusinessCalendar before = db.withSession(s -> calendars.calendar(s, "north"));
        assertThat(before.code()).isEqualTo("default"); // unknown code: the default calendar
        CalendarDefinition north = new CalendarDefinition("north", "北方服务站", "Asia/Shanghai",
                Map.of(DayOfWeek.SATURDAY, List.of(new Period(8 * 60, 12 * 60), new Period(13 * 60, 17 * 60))),
                List.of(new ExceptionDay(LocalDate.parse("2027-05-01"), DayKind.HOLIDAY, "劳动节")));
        assertThat(calendars.save("admin", "127.0.0.1", north)).isInstanceOf(SaveOutcome.Saved.class);
        BusinessCalendar after = db.withSession(s -> calendars.calendar(s, "north"));
        assertThat(after.nextWorkingMoment(beijing("2027-05-01T09:00"))).isEqualTo(beijing("2027-05-08T08:00"));
        assertThat(byCode("north").days()).hasSize(1);
        assertThat(ticketing.audit().recent("calendar.save", "admin", 5)).singleElement()
                .satisfies(e -> assertThat(e.target()).isEqualTo("calendar:north"));

        CalendarDefinition replaced = new CalendarDefinition("north", "北方服务站", "Asia/Shanghai",
                Map.of(DayOfWeek.SUNDAY, List.of(new Period(0, 1440))), List.of());
        assertThat(calendars.save("admin", "127.0.0.1", replaced)).isInstanceOf(SaveOutcome.Saved.class);
        assertThat(db.withSession(s -> calendars.calendar(s, "north")).nextWorkingMoment(beijing("2027-05-01T09:00")))
                .isEqualTo(beijing("2027-05-02T00:00"));
    }

    @Test
    void anInvalidCalendarIsRefusedNamingTheFieldAndNothingIsWritten() {
        Map<DayOfWeek, List<Period>> week = Map.of(DayOfWeek.MONDAY, List.of(new Period(540, 1080)));
        assertInvalid(new CalendarDefinition("Bad Code", "x", "Asia/Shanghai", week, List.of()), "code");
        assertInvalid(new CalendarDefinition("ok", " ", "Asia/Shanghai", week, List.of()), "name");
        assertInvalid(new CalendarDefinition("ok", "x", "Mars/Olympus", week, List.of()), "zone");
        assertInvalid(new CalendarDefinition("ok", "x", "Asia/Shanghai", Map.of(), List.of()), "week");
        assertInvalid(new CalendarDefinition("ok", "x", "Asia/Shanghai",
                Map.of(DayOfWeek.MONDAY, List.of(new Period(600, 540))), List.of()), "week.MONDAY");
        assertInvalid(new CalendarDefinition("ok", "x", "Asia/Shanghai",
                Map.of(DayOfWeek.MONDAY, List.of(new Period(540, 720), new Period(700, 800))), List.of()),
                "week.MONDAY");
        ExceptionDay day = new ExceptionDay(LocalDate.parse("2027-01-01"), DayKind.HOLIDAY, "元旦");
        assertInvalid(new CalendarDefinition("ok", "x", "Asia/Shanghai", week, List.of(day, day)), "days[1].date");
        assertInvalid(new CalendarDefinition("ok", "x", "Asia/Shanghai", week,
                List.of(new ExceptionDay(LocalDate.parse("2027-01-01"), null, "元旦"))), "days[0]");
        assertThat(queryLong("SELECT COUNT(*) FROM business_calendars WHERE code = 'ok'")).isZero();
    }

    private void assertInvalid(CalendarDefinition def, String field) {
        assertThat(calendars.save("admin", null, def)).isInstanceOfSatisfying(SaveOutcome.Invalid.class,
                i -> assertThat(i.field()).isEqualTo(field));
    }
}
