package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The agent workspace in a real headless Chromium (Debian's chromium + chromedriver): log in, go READY, receive a
 * screen-pop, answer, save a ticket and see it listed. The popped customer's name is hostile HTML and must show as text.
 */
class BrowserAgentTest extends BrowserTestBase {
    private static final String HOSTILE_NAME = "<img src=x onerror=document.title='pwned'>王小明";

    @BeforeEach
    void setUp() throws Exception {
        start(t -> {
            Customer c = t.customers().create(HOSTILE_NAME, CustomerClass.VIP, List.of("13912345678"));
            t.customers().addProduct(c.id(), "荣耀 X50", "IMEI861234567890123", LocalDate.now().minusYears(3),
                    LocalDate.now().minusYears(1));
            t.users().create("agent1", "张伟", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                    Set.of("consultation", "repair", "complaint", "operator"));
        });
    }

    @Test
    void agentReceivesPopAnswersAndSavesATicket() {
        logInAgent("agent1");

        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#btn-ready"))).click();
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#agent-state"), java.util.regex.Pattern.compile("就绪|READY")));

        String callId = f.platform.simulatedSwitch().placeCall(
                new SimulatedCaller("13912345678", "4000", List.of("2"), Duration.ofMinutes(5), Duration.ZERO, Map.of()));

        WebElement name = visible("#pop-customer-name");
        wait.until(ExpectedConditions.textToBePresentInElement(name, "王小明"));
        assertThat(name.getText()).isEqualTo(HOSTILE_NAME);
        assertThat(browser.findElements(By.cssSelector("#pop img"))).isEmpty();
        assertThat(browser.getTitle()).isNotEqualTo("pwned");
        assertThat(visible("#pop").getText()).contains("荣耀 X50");

        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#btn-answer"))).click();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                f.platform.acd().agent("agent1").orElseThrow().state()
                        == org.hotline.platform.routing.AgentState.ON_CALL);

        new Select(visible("#ticket-type")).selectByValue("REPAIR");
        // a repair's task sheet names the product (the popped customer's only one)
        new Select(visible("#ticket-product")).selectByIndex(1);
        visible("#ticket-category").sendKeys("无法开机");
        new Select(visible("#ticket-service-mode")).selectByValue("MAIL_IN");
        visible("#ticket-description").sendKeys("客户反映手机无法开机，已过保修期，需要寄修报价。");
        visible("#ticket-submit").click();

        WebElement list = visible("#my-tickets");
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#my-tickets"), java.util.regex.Pattern.compile("T\\d{8}-\\d+")));
        assertThat(list.getText()).contains("无法开机");
        assertThat(f.platform.ticketing().tickets().search(
                new org.hotline.platform.ticket.TicketQuery(null, "agent1", Set.of(), 10)))
                .singleElement()
                .satisfies(t -> assertThat(t.callId()).isEqualTo(callId));
    }
}
