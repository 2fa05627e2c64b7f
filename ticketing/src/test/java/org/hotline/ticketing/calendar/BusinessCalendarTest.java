package org.hotline.ticketing.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hotline.ticketing.calendar.BusinessCalendar.Day;
import org.hotline.ticketing.calendar.BusinessCalendar.DayKind;
import org.hotline.ticketing.calendar.BusinessCalendar.Period;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Period NINE_TO_SIX = new Period(9 * 60, 18 * 60);

    /** Mon–Fri 09:00–18:00 Beijing with the Labour Day break 2027 (May 1–5) and its make-up Saturday May 8. */
    private static BusinessCalendar office(List<Day> days) {
        return new BusinessCalendar("default", "office", BEIJING, weekdays(List.of(NINE_TO_SIX)), days);
    }

    private static Map<DayOfWeek, List<Period>> weekdays(List<Period> periods) {
        Map<DayOfWeek, List<Period>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            week.put(d, periods);
        }
        return week;
    }

    private static final List<Day> LABOUR_DAY = List.of(
            new Day(LocalDate.parse("2027-05-01"), DayKind.HOLIDAY, "劳动节"),
            new Day(LocalDate.parse("2027-05-02"), DayKind.HOLIDAY, "劳动节"),
            new Day(LocalDate.parse("2027-05-03"), DayKind.HOLIDAY, "劳动节"),
            new Day(LocalDate.parse("2027-05-04"), DayKind.HOLIDAY, "劳动节"),
            new Day(LocalDate.parse("2027-05-05"), DayKind.HOLIDAY, "劳动节"),
            new Day(LocalDate.parse("2027-05-08"), DayKind.WORKDAY, "劳动节调休上班"));

    private static Instant beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BEIJING).toInstant();
    }

    @Test
    void aDeadlineOnFridayAfternoonCarriesOverTheWeekend() {
        BusinessCalendar cal = office(List.of());
        // Friday 2027-03-12 16:00 + 4 business hours = 2 h on Friday + 2 h on Monday
        assertThat(cal.plus(beijing("2027-03-12T16:00"), Duration.ofHours(4))).isEqualTo(beijing("2027-03-15T11:00"));
        assertThat(cal.between(beijing("2027-03-12T16:00"), beijing("2027-03-15T11:00"))).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void aDeadlineSkipsThePublicHolidayAndUsesTheMakeUpSaturday() {
        BusinessCalendar cal = office(LABOUR_DAY);
        // Friday April 30 17:00 + 3 h: 1 h Friday, the holiday May 1-5 skipped, 2 h on Thursday May 6
        assertThat(cal.plus(beijing("2027-04-30T17:00"), Duration.ofHours(3))).isEqualTo(beijing("2027-05-06T11:00"));
        // Friday May 7 17:00 + 3 h: 1 h Friday, then the make-up Saturday May 8 from 09:00
        assertThat(cal.plus(beijing("2027-05-07T17:00"), Duration.ofHours(3))).isEqualTo(beijing("2027-05-08T11:00"));
        assertThat(cal.isWorking(beijing("2027-05-08T10:00"))).isTrue();
        assertThat(cal.isWorking(beijing("2027-05-03T10:00"))).isFalse();
        assertThat(cal.nextWorkingMoment(beijing("2027-05-01T08:00"))).isEqualTo(beijing("2027-05-06T09:00"));
    }

    @Test
    void aDeadlineEndingExactlyAtClosingTimeIsClosingTime() {
        BusinessCalendar cal = office(List.of());
        assertThat(cal.plus(beijing("2027-03-10T09:00"), Duration.ofHours(9))).isEqualTo(beijing("2027-03-10T18:00"));
        assertThat(cal.plus(beijing("2027-03-10T20:00"), Duration.ofMinutes(1))).isEqualTo(beijing("2027-03-11T09:01"));
    }

    @Test
    void countingBackwardsFindsTheWarningMinuteBeforeADeadline() {
        BusinessCalendar cal = office(LABOUR_DAY);
        // 30 business minutes before Thursday May 6 09:10 is Friday April 30 17:40
        assertThat(cal.minus(beijing("2027-05-06T09:10"), Duration.ofMinutes(30))).isEqualTo(beijing("2027-04-30T17:40"));
        assertThat(cal.plus(beijing("2027-05-06T09:10"), Duration.ofMinutes(-30))).isEqualTo(beijing("2027-04-30T17:40"));
    }

    @Test
    void severalPeriodsADayLeaveTheLunchBreakOut() {
        BusinessCalendar cal = new BusinessCalendar("split", "split", BEIJING,
                weekdays(List.of(new Period(9 * 60, 12 * 60), new Period(13 * 60 + 30, 18 * 60))), List.of());
        assertThat(cal.plus(beijing("2027-03-10T11:00"), Duration.ofHours(2))).isEqualTo(beijing("2027-03-10T14:30"));
        assertThat(cal.isWorking(beijing("2027-03-10T12:30"))).isFalse();
        assertThat(cal.nextWorkingMoment(beijing("2027-03-10T12:30"))).isEqualTo(beijing("2027-03-10T13:30"));
        assertThat(cal.between(beijing("2027-03-10T00:00"), beijing("2027-03-11T00:00")))
                .isEqualTo(Duration.ofMinutes(450));
    }

    @Test
    void aZoneWithDaylightSavingCountsLocalWorkingHours() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        BusinessCalendar cal = new BusinessCalendar("berlin", "Berlin", berlin, weekdays(List.of(NINE_TO_SIX)),
                List.of());
        // Friday 2027-03-26 17:00 CET + 2 h -> Monday 2027-03-29 10:00 CEST (clocks went forward on Sunday)
        Instant due = cal.plus(LocalDateTime.parse("2027-03-26T17:00").atZone(berlin).toInstant(), Duration.ofHours(2));
        assertThat(due).isEqualTo(LocalDateTime.parse("2027-03-29T10:00").atZone(berlin).toInstant());
        assertThat(due).isEqualTo(Instant.parse("2027-03-29T08:00:00Z"));
    }

    @Test
    void aSevenByTwentyFourCalendarIsWallTime() {
        Map<DayOfWeek, List<Period>> all = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            all.put(d, List.of(new Period(0, 1440)));
        }
        BusinessCalendar cal = new BusinessCalendar("24x7", "24x7", BEIJING, all, List.of());
        Instant start = beijing("2027-05-01T23:50");
        assertThat(cal.plus(start, Duration.ofMinutes(15))).isEqualTo(start.plus(Duration.ofMinutes(15)));
        assertThat(cal.between(start, start.plus(Duration.ofDays(3)))).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void aCalendarWithoutWorkingHoursOrWithOverlapsIsRefused() {
        assertThatThrownBy(() -> new BusinessCalendar("x", "x", BEIJING, Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessCalendar("x", "x", BEIJING,
                Map.of(DayOfWeek.MONDAY, List.of(new Period(540, 720), new Period(700, 800))), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
