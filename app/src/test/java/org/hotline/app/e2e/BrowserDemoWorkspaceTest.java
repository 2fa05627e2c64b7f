package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The ticket workspace as a newcomer to the demo sees it: each back-office demo account lands on it with work in
 * its worklist, a ticket opens with its clocks and timeline, and nothing lands in the browser console.
 */
class BrowserDemoWorkspaceTest extends BrowserTestBase {

    @Test
    void everyBackOfficeDemoAccountLandsOnAWorklistWithWorkAndOpensATicket() throws Exception {
        start(t -> { }, Map.of("hotline.profile", "demo", "hotline.demo-seed", true));
        for (String account : List.of("complaint_manager", "complaint_handler", "department_manager", "centre_head",
                "coordinator", "engineer")) {
            browser.manage().deleteAllCookies();
            browser.get(f.base + "/");
            visible("#login-username").sendKeys(account);
            visible("#login-password").sendKeys("demo");
            chromium.consoleProblems();
            visible("#login-submit").click();
            wait.until(ExpectedConditions.urlContains("tickets.html"));

            visible("[data-testid=worklist] tr[data-ticket]");
            wait.ignoring(StaleElementReferenceException.class).until(d -> {
                d.findElement(By.cssSelector("[data-testid=worklist] tr[data-ticket] a[data-open-ticket]")).click();
                return true;
            });
            visible(".tk-detail [data-testid=timeline] li");
            assertThat(browser.findElements(By.cssSelector(".tk-detail [data-testid=clocks] tr[data-clock]")))
                    .as("%s: the ticket's clocks", account).isNotEmpty();
            assertThat(chromium.consoleProblems()).as("%s: the browser console", account).isEmpty();
        }
    }
}
