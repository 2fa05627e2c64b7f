package org.hotline.app.e2e;

import java.util.function.Consumer;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The life cycle of the browser tests: a whole node ({@link Fixture}, queues ringing 60 s with a 10 min wrap-up) and
 * a {@link HeadlessChromium}, both closed after each test, and the steps every test takes (log in, wait for an
 * element).
 */
abstract class BrowserTestBase {
    static final String PASSWORD = "s3cret-pass";

    protected Fixture f;
    protected WebDriver browser;
    protected WebDriverWait wait;
    protected HeadlessChromium chromium;

    /** Starts the node on a database {@code seed} prepared, then the browser. */
    protected void start(Consumer<Ticketing> seed) throws Exception {
        start(seed, java.util.Map.of());
    }

    /** The same with configuration keys on top of the test defaults (e.g. the demo seed). */
    protected void start(Consumer<Ticketing> seed, java.util.Map<String, Object> overrides) throws Exception {
        java.util.Map<String, Object> o = new java.util.HashMap<>(Fixture.queues("60s", "10m"));
        o.putAll(overrides);
        f = Fixture.start(seed, o);
        chromium = HeadlessChromium.start();
        browser = chromium.browser;
        wait = chromium.wait;
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

    protected WebElement visible(String css) {
        return chromium.visible(css);
    }

    /** Opens the console's login page and logs {@code user} in with {@link #PASSWORD}; waits for the agent page. */
    protected void logInAgent(String user) {
        browser.get(f.base + "/");
        visible("#login-username").sendKeys(user);
        visible("#login-password").sendKeys(PASSWORD);
        visible("#login-submit").click();
        wait.until(ExpectedConditions.urlContains("agent"));
    }

    /** Logs {@code user} in with {@link #PASSWORD} and waits for the page named {@code landsOn} with its navigation. */
    protected void logIn(String user, String landsOn) {
        browser.get(f.base + "/");
        visible("#login-username").sendKeys(user);
        visible("#login-password").sendKeys(PASSWORD);
        visible("#login-submit").click();
        wait.until(ExpectedConditions.urlContains(landsOn));
        visible("#nav a");
    }
}
