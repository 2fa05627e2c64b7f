package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The notification bell in a real headless Chromium against the whole platform: a notification written for a
 * logged-in user (as the workflow writes one on assignment) is delivered by the platform's poller and appears in the
 * bell of the open page without a reload; its text is the kind's message in Chinese with its ticket number, it links
 * to the ticket, and marking it read clears the count. The wallboard has the bell too, and "全部已读" clears it there.
 */
class BrowserNotificationBellTest extends BrowserTestBase {
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @BeforeEach
    void setUp() throws Exception {
        start(BrowserNotificationBellTest::users);
    }

    private static void users(Ticketing t) {
        t.users().create("agent1", "张伟", PASSWORD.toCharArray(), Set.of(Role.AGENT), Set.of("repair"));
        t.users().create("boss", "王主管", PASSWORD.toCharArray(), Set.of(Role.SUPERVISOR, Role.CENTRE_HEAD),
                Set.of());
    }

    private Ticket ticket() {
        return f.platform.ticketing().tickets().create(new NewTicket(TicketType.CONSULTATION, "屏幕故障",
                TicketPriority.NORMAL, null, null, null, ServiceMode.CARRY_IN, "屏幕出现绿线。"), "agent1");
    }

    /**
     * Written at a past moment inside the default calendar's working hours (Monday 10:15 Beijing): a non-urgent
     * notification written outside them would wait for the recipient's next working period, whenever the test runs.
     */
    private void notify(String user, String kind, Map<String, String> params, Long ticketId) {
        Ticketing t = f.platform.ticketing();
        t.database().inTransaction(tx -> {
            t.notificationWriter().toUsers(tx, List.of(user), kind, params, ticketId, false,
                    Instant.parse("2026-11-23T02:15:00Z"));
            return null;
        });
    }

    private void logInWithBell(String user, String landsOn) {
        logIn(user, landsOn);
        visible("[data-testid='bell-button']");
    }

    @Test
    void anAssignmentAppearsInTheAgentsBellWithoutReloadAndMarkingItReadClearsTheCount() {
        logInWithBell("agent1", "agent");
        assertThat(browser.findElements(By.cssSelector("[data-testid='bell-count']"))).isEmpty();
        Ticket ticket = ticket();

        notify("agent1", "ticket.assigned", Map.of("number", ticket.number()), ticket.id());
        notify("agent1", "clock.warning", Map.of("number", HOSTILE, "clock", "RESOLUTION"), null);

        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='bell-count']"), "2"));
        visible("[data-testid='bell-button']").click();
        WebElement assigned = visible("[data-testid='bell-item'][data-kind='ticket.assigned']");
        assertThat(assigned.getText()).contains("工单 " + ticket.number() + " 已分派给您");
        assertThat(assigned.findElement(By.cssSelector("a")).getAttribute("href"))
                .endsWith("tickets.html?id=" + ticket.id());
        WebElement warning = visible("[data-testid='bell-item'][data-kind='clock.warning']");
        assertThat(warning.getText()).contains("工单 " + HOSTILE + " 的解决时限即将到期");
        assertThat(browser.findElements(By.cssSelector("#bell img"))).isEmpty();
        assertThat(visible("[data-testid='bell-unread']").getText()).isEqualTo("2 条未读");

        assigned.findElement(By.cssSelector("[data-bell-read]")).click();

        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='bell-count']"), "1"));
        assertThat(browser.findElements(By.cssSelector("[data-kind='ticket.assigned'] [data-bell-read]")))
                .as("a read one has no mark-read button").isEmpty();
        visible("[data-testid='bell-item'][data-kind='clock.warning'] [data-bell-read]").click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid='bell-count']")));
        assertThat(f.platform.ticketing().notifications().unread("agent1")).isZero();

        browser.navigate().refresh();
        visible("[data-testid='bell-button']");
        assertThat(browser.findElements(By.cssSelector("[data-testid='bell-count']")))
                .as("still read after a reload").isEmpty();
    }

    @Test
    void theWallboardHasTheBellAndAllReadClearsIt() {
        logInWithBell("boss", "supervisor");
        Ticket ticket = ticket();

        notify("boss", "complaint.major", Map.of("number", ticket.number()), ticket.id());
        // the params the clock scheduler's daily check sends
        notify("boss", "daily.check", Map.of("day", "2027-03-01", "department", "SERVICE", "stalled", "3",
                "overdue", "1"), null);

        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid='bell-count']"), "2"));
        visible("[data-testid='bell-button']").click();
        assertThat(visible("[data-testid='bell-item'][data-kind='complaint.major']").getText())
                .contains("重大投诉 " + ticket.number());
        assertThat(visible("[data-testid='bell-item'][data-kind='daily.check']").getText())
                .contains("每日检查（2027-03-01，SERVICE）：停滞 3 张，超时 1 张");

        visible("[data-testid='bell-all-read']").click();

        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid='bell-count']")));
        assertThat(f.platform.ticketing().notifications().unread("boss")).isZero();
        assertThat(chromium.consoleProblems()).isEmpty();
    }
}
