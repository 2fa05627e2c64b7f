package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A member of the public files a complaint in a real headless Chromium against a whole node: from the login page's
 * link to the form, a bad phone is named beside its field, a good complaint shows its ticket number, the form is
 * empty again for the next one, and the ticket is a WEB complaint in the database.
 */
class BrowserComplaintFormTest extends BrowserTestBase {
    @Test
    void aPersonFollowsTheLoginPageLinkFillsTheFormAndSeesTheTicketNumber() throws Exception {
        start(t -> { });
        browser.get(f.base + "/");
        visible("[data-testid=complaint-link]").click();
        wait.until(ExpectedConditions.urlContains("complaint.html"));

        visible("#complaint-name").sendKeys("王女士");
        visible("#complaint-phone").sendKeys("12");
        visible("#complaint-description").sendKeys("维修后手机仍然无法开机，已经第二次送修。");
        visible("#complaint-submit").click();
        wait.until(ExpectedConditions.textMatches(By.id("complaint-phone-error"),
                Pattern.compile("电话|phone")));

        visible("#complaint-phone").clear();
        visible("#complaint-phone").sendKeys("139 0000 1111");
        visible("#complaint-email").sendKeys("wang@example.com");
        visible("#complaint-submit").click();
        String number = visible("[data-testid=complaint-number]").getText();

        assertThat(number).matches("T\\d{8}-\\d{6}");
        assertThat(browser.findElement(By.id("complaint-phone-error")).getText()).isEmpty();
        assertThat(channelOf(number)).isEqualTo("WEB");

        visible("#complaint-again").click();
        assertThat(visible("#complaint-name").getAttribute("value")).isEmpty();
        assertThat(visible("#complaint-description").getAttribute("value")).isEmpty();
    }

    private String channelOf(String number) throws Exception {
        try (Connection c = f.db.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT i.channel FROM intake_contacts i JOIN tickets t ON t.id = i.ticket_id WHERE t.`number` = ?")) {
            st.setString(1, number);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
