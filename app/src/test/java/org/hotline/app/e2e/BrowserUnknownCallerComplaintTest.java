package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The agent desk's complaint form in a real headless Chromium against a whole node: a caller with no customer record
 * gets the caller's number as contact phone and a contact name, so that the complaint is filed without creating a
 * customer first; after the save the whole form is back to its defaults (the contact phone again the caller's, as
 * the same call is still on); a caller on file gets no contact phone pre-filled.
 */
class BrowserUnknownCallerComplaintTest extends BrowserTestBase {
    private static final String UNKNOWN = "13700009999";
    private static final String KNOWN = "13912345678";
    private static final Pattern NUMBER = Pattern.compile("T\\d{8}-\\d+");

    private static void seed(Ticketing t) {
        t.customers().create("王小明", CustomerClass.ORDINARY, List.of(KNOWN));
        t.users().create("agent1", "张伟", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                Set.of("consultation", "repair", "complaint", "operator"));
    }

    /** The agent logs in, gets ready and answers a call from {@code caller}. */
    private void readyAndAnswer(String caller) {
        logInAgent("agent1");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#btn-ready"))).click();
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#agent-state"), Pattern.compile("就绪|READY")));
        f.platform.simulatedSwitch().placeCall(new SimulatedCaller(caller, "4000", List.of("3"),
                Duration.ofMinutes(5), Duration.ZERO, Map.of()));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#btn-answer"))).click();
    }

    private int ticketCount() throws SQLException {
        try (Connection c = f.platform.ticketing().database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM tickets")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A service-quality complaint's fields, all but the contact. */
    private void fillAComplaint() {
        new Select(visible("#ticket-type")).selectByValue("COMPLAINT");
        new Select(visible("#ticket-complaint-class")).selectByValue("SERVICE_QUALITY");
        visible("#ticket-category").sendKeys("等待时间太长");
        new Select(visible("#ticket-service-mode")).selectByValue("PHONE");
        visible("#ticket-description").sendKeys("来电客户投诉热线排队时间过长。");
    }

    private String value(String id) {
        return browser.findElement(By.id(id)).getAttribute("value");
    }

    @Test
    void aComplaintOfAnUnknownCallerIsFiledWithTheContactAndTheFormResetsCompletely() throws Exception {
        start(BrowserUnknownCallerComplaintTest::seed);
        readyAndAnswer(UNKNOWN);

        wait.until(d -> UNKNOWN.equals(value("ticket-contact-phone")));
        assertThat(value("ticket-contact-name")).isEmpty();
        fillAComplaint();
        visible("#ticket-contact-name").sendKeys("李女士");
        visible("#ticket-submit").click();

        wait.until(ExpectedConditions.textMatches(By.id("ticket-result"), NUMBER));
        Matcher m = NUMBER.matcher(visible("#ticket-result").getText());
        assertThat(m.find()).isTrue();
        String link = visible("#my-tickets a.ticket-number").getAttribute("href");
        Ticket saved = f.platform.ticketing().tickets().find(Long.parseLong(link.replaceAll(".*[?&]id=", "")))
                .orElseThrow();
        assertThat(saved.number()).isEqualTo(m.group());
        assertThat(saved.customerId()).isNull();
        assertThat(saved.contactPhone()).isEqualTo(UNKNOWN);
        assertThat(saved.contactName()).isEqualTo("李女士");

        // everything typed is gone; the contact phone is the caller's again, for the next ticket of this call
        assertThat(value("ticket-contact-name")).isEmpty();
        assertThat(value("ticket-contact-phone")).isEqualTo(UNKNOWN);
        assertThat(value("ticket-type")).isEmpty();
        assertThat(value("ticket-category")).isEmpty();
        assertThat(value("ticket-description")).isEmpty();
        assertThat(value("ticket-complaint-class")).isEmpty();
        assertThat(browser.findElement(By.id("ticket-complaint-class")).isDisplayed()).isFalse();
    }

    @Test
    void aComplaintWithoutCustomerOrContactPhoneIsRefusedAtThePhoneField() throws Exception {
        start(BrowserUnknownCallerComplaintTest::seed);
        readyAndAnswer(UNKNOWN);
        wait.until(d -> UNKNOWN.equals(value("ticket-contact-phone")));

        browser.findElement(By.id("ticket-contact-phone")).clear();
        fillAComplaint();
        visible("#ticket-submit").click();

        assertThat(visible("#ticket-form [data-error-for=contactPhone]").getText()).isNotBlank();
        assertThat(visible("#ticket-result").getText()).isNotBlank();
        assertThat(ticketCount()).isZero();
    }

    @Test
    void aCallerOnFileGetsNoContactPhonePrefilled() throws Exception {
        start(BrowserUnknownCallerComplaintTest::seed);
        readyAndAnswer(KNOWN);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-customer"), "王小明"));

        assertThat(value("ticket-contact-phone")).isEmpty();
        assertThat(value("ticket-contact-name")).isEmpty();
    }
}
