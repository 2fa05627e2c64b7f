package org.hotline.app.e2e;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the login page tells a user the platform refuses: a throttled attempt says how long to wait, a locked account
 * says to ask an administrator. In a real headless Chromium against a whole node.
 */
class BrowserLoginTest {
    private static final String PASSWORD = "s3cret-pass";
    private Fixture f;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private WebDriverWait wait;

    private void start(Map<String, Object> overrides) throws Exception {
        f = Fixture.start(t -> t.users().create("agent1", "张伟", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                Set.of("repair")), overrides);
        chromium = HeadlessChromium.start();
        browser = chromium.browser;
        wait = chromium.wait;
        browser.get(f.base + "/");
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (f != null) {
            f.close();
        }
    }

    private void submit(String password) {
        chromium.visible("#login-username").clear();
        chromium.visible("#login-username").sendKeys("agent1");
        chromium.visible("#login-password").clear();
        chromium.visible("#login-password").sendKeys(password);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#login-submit"))).click();
    }

    private void awaitError(String pattern) {
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#login-error"), Pattern.compile(pattern)));
    }

    @Test
    void aThrottledLoginIsToldHowManySecondsToWait() throws Exception {
        start(Map.of("hotline.auth.throttle.account.free-failures", 1,
                "hotline.auth.throttle.account.base-delay", "10m",
                "hotline.auth.throttle.account.max-delay", "10m"));

        submit("wrong-password");
        awaitError("用户名或密码错误|Invalid username or password");
        submit(PASSWORD);

        awaitError("(请 \\d+ 秒后再试|try again in \\d+ s)");
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#login-error"), Pattern.compile("\\b(5\\d\\d|600)\\b")));
    }

    /**
     * What a container (bound to 0.0.0.0, so the cookie is {@code __Host-} and Secure) looks like to a browser on the
     * same machine over plain http://localhost: Chromium takes Secure cookies from localhost, so the console works.
     */
    @Test
    void withTheSecureHostCookieTheConsoleWorksOverHttpLocalhost() throws Exception {
        start(Map.of("hotline.http.secure-cookies", true));
        browser.get(f.base.replace("127.0.0.1", "localhost") + "/");

        submit(PASSWORD);

        wait.until(ExpectedConditions.urlContains("agent"));
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#agent-state"), Pattern.compile("\\S")));
        org.assertj.core.api.Assertions.assertThat(browser.manage().getCookieNamed("__Host-hotline_session"))
                .isNotNull().satisfies(c -> org.assertj.core.api.Assertions.assertThat(c.isSecure()).isTrue());
        org.assertj.core.api.Assertions.assertThat(browser.manage().getCookieNamed("hotline_session")).isNull();
    }

    @Test
    void aLockedAccountIsToldToAskAnAdministrator() throws Exception {
        start(Map.of("hotline.auth.lockout.failures", 2));

        submit("wrong-1");
        awaitError("用户名或密码错误|Invalid username or password");
        submit("wrong-2");
        submit(PASSWORD);

        awaitError("锁定|locked");
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#login-error"), Pattern.compile("管理员|administrator")));
    }
}
