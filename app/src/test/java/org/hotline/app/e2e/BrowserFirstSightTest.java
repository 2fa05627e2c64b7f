package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Point;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What a new user sees first, in a real headless Chromium against a whole node: a login page that leaves nothing in
 * the browser's console, the demo accounts hinted on a demo node only, flash messages that float above the page and
 * go away, a wallboard whose numbers stay whole on a phone, and a navigation that sends a user who opens a page their
 * roles do not allow to the one they do allow, without a script error.
 */
class BrowserFirstSightTest extends BrowserTestBase {

    private static void users(Ticketing t) {
        t.users().create("agent1", "张伟", PASSWORD.toCharArray(), Set.of(Role.AGENT), Set.of("repair"));
        t.users().create("boss", "王主管", PASSWORD.toCharArray(), Set.of(Role.ADMIN, Role.SUPERVISOR), Set.of());
    }

    private void logIn(String user, String landsOn) {
        browser.get(f.base + "/");
        visible("#login-username").sendKeys(user);
        visible("#login-password").sendKeys(PASSWORD);
        visible("#login-submit").click();
        wait.until(ExpectedConditions.urlContains(landsOn));
        visible("#nav a");
    }

    private void awaitLoginPageSettled() {
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-session", "checked"));
    }

    @Test
    void theLoginPageLeavesNoErrorOrWarningInTheBrowserConsole() throws Exception {
        start(BrowserFirstSightTest::users);
        chromium.consoleProblems(); // nothing from the blank start page counts

        browser.get(f.base + "/");
        awaitLoginPageSettled();
        browser.navigate().refresh();
        awaitLoginPageSettled();

        assertThat(visible("#login-submit").getText()).isNotBlank();
        assertThat(chromium.consoleProblems()).isEmpty();
        assertThat(browser.findElements(By.cssSelector("link[rel='icon'][href='/favicon.svg']"))).hasSize(1);
        java.net.http.HttpResponse<String> icon = f.http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(f.base + "/favicon.svg")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        assertThat(icon.body()).contains("<svg");
    }

    @Test
    void aDemoNodeShowsItsAccountsAndPasswordOnTheLoginPage() throws Exception {
        start(t -> { }, Map.of("hotline.profile", "demo", "hotline.demo-seed", true));

        browser.get(f.base + "/");
        awaitLoginPageSettled();

        WebElement hint = visible("[data-testid=demo-hint]");
        assertThat(hint.getText()).contains("admin", "supervisor", "agent1");
        assertThat(hint.findElement(By.cssSelector("[data-testid=demo-password]")).getText()).isEqualTo("demo");
        visible("#lang-switch");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang-switch"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("demo-hint"), "demo accounts"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang-switch"))).selectByValue("zh-CN");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("demo-hint"), "演示账号"));
    }

    @Test
    void aNodeWithoutTheDemoSeedShowsNoDemoAccounts() throws Exception {
        start(BrowserFirstSightTest::users, Map.of("hotline.profile", "production"));

        browser.get(f.base + "/");
        awaitLoginPageSettled();

        assertThat(browser.findElement(By.id("demo-hint")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("demo-hint")).getText()).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain("demo-password");
    }

    @Test
    void aFlashMessageFloatsAboveThePageAndLeavesByItself() throws Exception {
        start(BrowserFirstSightTest::users);
        logIn("agent1", "agent");
        WebElement main = visible("main");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("btn-dial")));
        Point before = main.getLocation();

        visible("#dial-destination").sendKeys("10086");
        visible("#btn-dial").click();

        WebElement flash = visible("[data-testid=flash]");
        assertThat(flash.getText()).contains("10086");
        assertThat(flash.getAttribute("role")).isEqualTo("status");
        assertThat(flash.getAttribute("aria-live")).isEqualTo("polite");
        assertThat(main.getLocation()).isEqualTo(before);
        wait.until(ExpectedConditions.invisibilityOf(flash));
        assertThat(main.getLocation()).isEqualTo(before);
    }

    @Test
    void anErrorFlashStaysUntilItIsClosed() throws Exception {
        start(BrowserFirstSightTest::users);
        logIn("agent1", "agent");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("btn-dial")));

        visible("#dial-destination").sendKeys("not a number");
        visible("#btn-dial").click();

        WebElement flash = visible("[data-testid=flash]");
        assertThat(flash.getAttribute("role")).isEqualTo("alert");
        visible("[data-testid=flash] .flash-close").click();
        wait.until(ExpectedConditions.invisibilityOf(flash));
    }

    @Test
    void onAPhoneNoWallboardNumberWraps() throws Exception {
        start(BrowserFirstSightTest::users);
        browser.manage().window().setSize(new Dimension(375, 667));
        logIn("boss", "supervisor");
        visible("#queue-rows tr[data-queue]");
        visible("#agent-rows tr[data-agent]");

        Object width = ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
        assertThat(((Number) width).intValue()).isLessThanOrEqualTo(400);
        assertThat(browser.findElement(By.cssSelector("meta[name=viewport]")).getAttribute("content"))
                .contains("width=device-width");
        // one pass in the page: the rows are redrawn by every stats message
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                const wrapped = [];
                let numbers = 0;
                document.querySelectorAll('.wallboard td.num').forEach((td) => {
                  if (!td.textContent.trim()) { return; }
                  numbers += 1;
                  const range = document.createRange();
                  range.selectNodeContents(td);
                  const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                  if (tops.size > 1) { wrapped.push(td.textContent.trim()); }
                });
                return { numbers, wrapped };""");
        assertThat(((Number) seen.get("numbers")).intValue()).isGreaterThanOrEqualTo(4 * 9);
        assertThat((List<?>) seen.get("wrapped")).isEmpty();
    }

    @Test
    void anAdminOpeningTheAgentDeskIsSentToTheWallboardWithoutAScriptError() throws Exception {
        start(BrowserFirstSightTest::users);
        logIn("boss", "supervisor");
        assertThat(browser.findElements(By.cssSelector("#nav a")))
                .extracting(e -> e.getAttribute("data-nav")).containsExactly("supervisor.html", "admin.html");
        chromium.consoleProblems();

        browser.get(f.base + "/agent.html");

        wait.until(ExpectedConditions.urlContains("supervisor.html"));
        visible("#queue-rows tr[data-queue]");
        assertThat(chromium.consoleProblems()).isEmpty();
    }

    @Test
    void anAgentOpeningTheWallboardIsSentToTheAgentDesk() throws Exception {
        start(BrowserFirstSightTest::users);
        logIn("agent1", "agent");
        assertThat(browser.findElements(By.cssSelector("#nav a")))
                .extracting(e -> e.getAttribute("data-nav")).containsExactly("agent.html");
        chromium.consoleProblems();

        browser.get(f.base + "/supervisor.html");

        wait.until(ExpectedConditions.urlContains("agent.html"));
        visible("#nav a[aria-current=page]");
        assertThat(chromium.consoleProblems()).isEmpty();
    }
}
