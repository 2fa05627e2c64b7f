package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.hotline.platform.org.Department;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admin page in a real headless Chromium against a whole node: the admin creates a user with two roles and a
 * department with that user as its manager, the new user logs in; a refused save names the field; a node without
 * the calendar routes says so on the calendars tab instead of breaking the page.
 */
class BrowserAdminTest extends BrowserTestBase {

    private static void users(Ticketing t) {
        t.users().create("boss", "赵强", PASSWORD.toCharArray(), Set.of(Role.ADMIN, Role.SUPERVISOR), Set.of());
        t.users().create("agent1", "张伟", PASSWORD.toCharArray(), Set.of(Role.AGENT), Set.of("repair"));
    }

    private void logInAdminAndOpenThePage() {
        browser.get(f.base + "/");
        visible("#login-username").sendKeys("boss");
        visible("#login-password").sendKeys(PASSWORD);
        visible("#login-submit").click();
        wait.until(ExpectedConditions.urlContains("supervisor.html"));
        visible("#nav a[data-nav='admin.html']").click();
        wait.until(ExpectedConditions.urlContains("admin.html"));
        visible("[data-testid=user-table] tr[data-user=boss]");
    }

    @Test
    void theAdminCreatesAUserWithTwoRolesAndADepartmentTheyManageAndTheUserLogsIn() throws Exception {
        start(BrowserAdminTest::users);
        logInAdminAndOpenThePage();
        chromium.consoleProblems();

        visible("[data-testid=new-user]").click();
        visible("#f-username").sendKeys("zhou.ming");
        visible("#f-displayName").sendKeys("周明");
        visible("#f-password").sendKeys("first-pass-1");
        visible("[data-testid=user-form] input[name=roles][value=AGENT]").click();
        visible("[data-testid=user-form] input[name=roles][value=COMPLAINT_HANDLER]").click();
        visible("#f-skills").sendKeys("complaint");
        visible("[data-testid=form-save]").click();

        WebElement row = visible("[data-testid=user-table] tr[data-user='zhou.ming']");
        assertThat(row.findElement(By.cssSelector("[data-col=roles]")).getText()).contains("话务代表", "投诉处理专员");
        assertThat(browser.findElements(By.cssSelector("[data-testid=user-form]"))).isEmpty();

        visible("[data-testid=tab-departments]").click();
        visible("[data-testid=new-department]").click();
        visible("#f-code").sendKeys("SERVICE");
        visible("#f-name").sendKeys("客户服务部");
        visible("[data-testid=staff-table] tr[data-staff='zhou.ming'] input[name=managers]").click();
        visible("[data-testid=staff-table] tr[data-staff=agent1] input[name=members]").click();
        visible("[data-testid=form-save]").click();

        WebElement dept = visible("[data-testid=department-table] tr[data-department=SERVICE]");
        assertThat(dept.findElement(By.cssSelector("[data-col=managers]")).getText()).isEqualTo("周明");
        assertThat(dept.findElement(By.cssSelector("[data-col=members]")).getText()).contains("周明", "张伟");
        Department saved = f.platform.ticketing().organisation().find("SERVICE").orElseThrow();
        assertThat(saved.managers()).containsExactly("zhou.ming");
        assertThat(chromium.consoleProblems()).isEmpty();

        visible("#btn-logout").click();
        wait.until(ExpectedConditions.urlContains("index.html"));
        visible("#login-username").sendKeys("zhou.ming");
        visible("#login-password").sendKeys("first-pass-1");
        visible("#login-submit").click();
        wait.until(ExpectedConditions.urlContains("agent.html"));
        assertThat(visible("#nav").getText()).doesNotContain("系统管理");
    }

    @Test
    void aRefusedSaveKeepsWhatWasTypedAndNamesTheField() throws Exception {
        start(BrowserAdminTest::users);
        logInAdminAndOpenThePage();

        visible("[data-testid=new-user]").click();
        visible("#f-username").sendKeys("wu.ting");
        visible("#f-displayName").sendKeys("吴婷");
        visible("#f-password").sendKeys("first-pass-1");
        visible("[data-testid=form-save]").click(); // no role chosen

        WebElement error = visible("[data-testid=user-form] [data-error-for=roles]");
        assertThat(error.getText()).isNotBlank();
        assertThat(visible("#f-displayName").getAttribute("value")).isEqualTo("吴婷");
        assertThat(browser.findElements(By.cssSelector("tr[data-user='wu.ting']"))).isEmpty();
    }

    @Test
    void aLockedAccountShowsLockedAndTheAdminUnlocksIt() throws Exception {
        start(t -> {
            users(t);
            for (int i = 0; i < 10; i++) {
                t.users().login("agent1", "wrong-password".toCharArray());
            }
        });
        logInAdminAndOpenThePage();

        visible("tr[data-user=agent1] [data-state=locked]");
        visible("tr[data-user=agent1] button[data-unlock=agent1]").click();

        visible("tr[data-user=agent1] [data-state=enabled]");
        assertThat(f.platform.ticketing().users().account("agent1").orElseThrow().lockedAt()).isNull();
    }

    /** Before the clocks' calendar routes are merged in, the tab shows a clear error; after, the calendar list. */
    @Test
    void theCalendarsTabShowsTheCalendarsOrAClearErrorAndThePageKeepsWorking() throws Exception {
        start(BrowserAdminTest::users);
        logInAdminAndOpenThePage();
        chromium.consoleProblems();

        visible("[data-testid=tab-calendars]").click();

        WebElement shown = visible("[data-testid=calendar-table], [data-testid=calendars-error]");
        if ("calendars-error".equals(shown.getAttribute("data-testid"))) {
            assertThat(shown.getText()).startsWith("工作日历暂不可用");
        }
        visible("[data-testid=tab-users]").click();
        visible("[data-testid=user-table] tr[data-user=agent1]");
    }
}
