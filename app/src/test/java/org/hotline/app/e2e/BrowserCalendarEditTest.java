package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.hotline.platform.calendar.CalendarDefinition;
import org.hotline.platform.calendar.CalendarDefinition.DayKind;
import org.hotline.platform.calendar.CalendarDefinition.ExceptionDay;
import org.hotline.platform.calendar.CalendarDefinition.Period;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admin edits the default business calendar in a real headless Chromium against the real calendar routes: a
 * make-up working day (调休), a holiday and a weekday's new hours are there after a reload and in the calendar the
 * clocks count on; an end before a start and a date that does not exist are refused by the server, shown at their
 * field, and nothing is saved.
 */
class BrowserCalendarEditTest extends BrowserTestBase {
    private static final String CALENDAR = "default";

    private static void users(Ticketing t) {
        t.users().create("boss", "赵强", PASSWORD.toCharArray(), Set.of(Role.ADMIN, Role.SUPERVISOR), Set.of());
    }

    private void openTheDefaultCalendar() {
        browser.get(f.base + "/admin.html");
        click("[data-testid=tab-calendars]");
        click("[data-testid=calendar-table] tr[data-calendar='" + CALENDAR + "'] button[data-open=calendar]");
        visible("[data-testid=calendar-form]");
    }

    /** Clicks what {@code css} names; the page redraws as the users and the calendars arrive, so it looks again. */
    private void click(String css) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private static void replace(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private CalendarDefinition saved() {
        return f.platform.ticketing().calendars().all().stream().filter(c -> c.code().equals(CALENDAR)).findFirst()
                .orElseThrow();
    }

    @Test
    void theAdminAddsAMakeUpWorkingDayAndAHolidayAndChangesAWeekdaysHoursAndTheyStayAfterAReload()
            throws Exception {
        start(BrowserCalendarEditTest::users);
        logIn("boss", "supervisor");
        int daysBefore = saved().days().size();
        openTheDefaultCalendar();
        chromium.consoleProblems();

        replace(visible("#f-week-MONDAY"), "08:30-12:00, 13:00-17:30");
        WebElement days = visible("#f-cal-days");
        days.sendKeys("\n2028-01-29 WORKDAY 春节调休\n2028-02-01 HOLIDAY 春节");
        visible("[data-testid=form-save]").click();

        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid=calendar-form]")));
        assertThat(visible("tr[data-calendar='" + CALENDAR + "']").getText()).contains((daysBefore + 2) + " 天");

        CalendarDefinition cal = saved();
        assertThat(cal.week().get(DayOfWeek.MONDAY)).containsExactly(new Period(8 * 60 + 30, 12 * 60),
                new Period(13 * 60, 17 * 60 + 30));
        assertThat(cal.days()).contains(new ExceptionDay(LocalDate.of(2028, 1, 29), DayKind.WORKDAY, "春节调休"),
                new ExceptionDay(LocalDate.of(2028, 2, 1), DayKind.HOLIDAY, "春节"));

        browser.navigate().refresh();
        openTheDefaultCalendar();
        assertThat(visible("#f-week-MONDAY").getAttribute("value")).isEqualTo("08:30-12:00, 13:00-17:30");
        assertThat(visible("#f-cal-days").getAttribute("value"))
                .contains("2028-01-29 WORKDAY 春节调休", "2028-02-01 HOLIDAY 春节");
        assertThat(chromium.consoleProblems()).isEmpty();
    }

    @Test
    void anEndBeforeItsStartAndADateThatDoesNotExistAreRefusedAtTheirFieldAndNothingIsSaved() throws Exception {
        start(BrowserCalendarEditTest::users);
        logIn("boss", "supervisor");
        CalendarDefinition before = saved();
        openTheDefaultCalendar();

        replace(visible("#f-week-TUESDAY"), "18:00-09:00");
        visible("[data-testid=form-save]").click();

        WebElement hoursError = visible("[data-testid=calendar-form] [data-error-for='week.TUESDAY']");
        assertThat(hoursError.getText()).contains("week.TUESDAY");
        assertThat(visible("#f-week-TUESDAY").getAttribute("value")).isEqualTo("18:00-09:00");
        assertThat(saved()).isEqualTo(before);

        replace(visible("#f-week-TUESDAY"), "09:00-18:00");
        WebElement days = visible("#f-cal-days");
        int lines = days.getAttribute("value").split("\n", -1).length;
        days.sendKeys("\n2028-02-30 HOLIDAY 不存在的日子");
        visible("[data-testid=form-save]").click();

        WebElement dayError = visible("[data-testid=calendar-form] [data-error-for=days]");
        assertThat(dayError.getText()).startsWith("第 " + (lines + 1) + " 行").contains("date");
        assertThat(browser.findElements(By.cssSelector("[data-error-for='week.TUESDAY']"))).isEmpty();
        assertThat(visible("#f-cal-days").getAttribute("value")).endsWith("2028-02-30 HOLIDAY 不存在的日子");
        assertThat(saved()).isEqualTo(before);
    }
}
