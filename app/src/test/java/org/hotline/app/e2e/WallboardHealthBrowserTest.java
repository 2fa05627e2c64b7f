package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The wallboard in headless Chromium, on a node on Asterisk (AMI against the fake): while Asterisk is away the
 * supervisor sees a banner naming the AMI link and its state; once it is back the banner goes away.
 */
class WallboardHealthBrowserTest {
    private static final String PASSWORD = "s3cret-pass";
    private static final String AMI_SECRET = "ami-lab-secret";

    private FakeAsteriskAmi ami;
    private Fixture f;
    private HeadlessChromium chromium;

    @AfterEach
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (f != null) {
            f.close();
        }
        if (ami != null) {
            ami.close();
        }
    }

    @Test
    void aSupervisorSeesABannerWhileTheAmiLinkIsDownAndItGoesAwayWhenItIsBack() throws Exception {
        ami = new FakeAsteriskAmi("hotline", AMI_SECRET);
        Map<String, Object> o = new HashMap<>(Fixture.queues("20s", "10m"));
        o.putAll(Fixture.onAsterisk(ami.port(), AMI_SECRET, ""));
        f = Fixture.start(t -> t.users().create("boss", "主管", PASSWORD.toCharArray(), Set.of(Role.SUPERVISOR),
                Set.of()), o);
        ami.session(Duration.ofSeconds(20));
        chromium = HeadlessChromium.start();
        WebDriver browser = chromium.browser;
        WebDriverWait wait = chromium.wait;

        browser.get(f.base + "/");
        chromium.visible("#login-username").sendKeys("boss");
        chromium.visible("#login-password").sendKeys(PASSWORD);
        chromium.visible("#login-submit").click();
        wait.until(ExpectedConditions.urlContains("supervisor"));
        wait.until(d -> !d.findElements(By.cssSelector("#stats-updated")).isEmpty()
                && !d.findElement(By.cssSelector("#stats-updated")).getText().isBlank());
        assertThat(browser.findElement(By.cssSelector("[data-testid='health-banner']")).isDisplayed())
                .as("everything is up: no banner").isFalse();

        ami.refuse(true);
        ami.dropAll();

        WebElement banner = chromium.visible("[data-testid='health-banner']");
        WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='health-banner'] li[data-component='ami:pbx1']")));
        assertThat(banner.findElement(By.cssSelector("[data-health-status]")).getText()).isEqualTo("系统降级：部分组件不可用");
        assertThat(link.getText()).startsWith("ami:pbx1：").contains("RECONNECTING").contains("127.0.0.1:" + ami.port())
                .doesNotContain(AMI_SECRET);
        assertThat(browser.findElements(By.cssSelector("[data-testid='health-banner'] li"))).hasSize(1);

        chromium.visible("#lang-switch").findElement(By.cssSelector("option[value='en']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid='health-banner'] [data-health-status]"), "Degraded"));

        ami.refuse(false);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid='health-banner']")));
    }
}
