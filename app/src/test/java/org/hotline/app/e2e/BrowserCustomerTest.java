package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The customer record from the screen-pop, in a real headless Chromium: an unknown caller pops, the agent creates
 * the customer (the caller's number already filled in), the pop shows them, the agent edits them; on the next call a
 * create with the same phone offers the existing customer, and "use the existing record" links it to the call.
 */
class BrowserCustomerTest extends BrowserTestBase {
    private static final String FIRST_CALLER = "13700001111";
    private static final String SECOND_CALLER = "13700003333";
    private static final String KNOWN_PHONE = "13700005555";

    @BeforeEach
    void setUp() throws Exception {
        start(t -> {
            t.users().create("agent1", "张伟", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                    Set.of("consultation", "repair", "complaint", "operator"));
            t.customers().create("黎明", CustomerClass.ORDINARY, List.of(KNOWN_PHONE));
        });
    }

    private void ready() {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#btn-ready"))).click();
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#agent-state"), Pattern.compile("就绪|READY")));
    }

    private void callFrom(String caller) {
        callFrom(caller, "未知来电");
    }

    private void callFrom(String caller, String popped) {
        f.platform.simulatedSwitch().placeCall(new SimulatedCaller(caller, "4000", List.of("2"),
                Duration.ofMinutes(5), Duration.ZERO, Map.of()));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#pop-customer-name"), popped));
    }

    private void awaitState(AgentState state) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                f.platform.acd().agent("agent1").orElseThrow().state() == state);
    }

    @Test
    void anAgentCreatesTheUnknownCallersCustomerAndASecondCreateOffersTheExistingOne() {
        logInAgent("agent1");
        ready();

        callFrom(FIRST_CALLER);
        visible("#customer-create").click();
        assertThat(visible("#cust-phones").getAttribute("value")).isEqualTo(FIRST_CALLER);
        visible("#cust-name").sendKeys("陈小春");
        new Select(visible("#cust-class")).selectByValue("VIP");
        visible("#cust-model").sendKeys("华为 Mate 70");
        visible("#cust-serial").sendKeys("SN-BROWSER-0001");
        visible("#customer-save").click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#pop-customer-name"), "陈小春"));
        assertThat(visible("#pop-products").getText()).contains("华为 Mate 70", "SN-BROWSER-0001");
        assertThat(visible("#ticket-customer").getText()).isEqualTo("陈小春");
        assertThat(browser.findElements(By.cssSelector("#customer-form"))).isEmpty();
        Customer created = f.platform.ticketing().customers().findByPhone(FIRST_CALLER).orElseThrow();
        assertThat(created.name()).isEqualTo("陈小春");

        visible("#customer-edit").click();
        WebElement phones = visible("#cust-phones");
        assertThat(phones.getAttribute("value")).isEqualTo(FIRST_CALLER);
        phones.sendKeys(", 0755-86001111");
        visible("#customer-save").click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#customer-form")));
        assertThat(f.platform.ticketing().customers().find(created.id()).orElseThrow().phones())
                .containsExactly(FIRST_CALLER, "0755-86001111");

        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#btn-answer"))).click();
        awaitState(AgentState.ON_CALL);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#btn-hangup"))).click();
        awaitState(AgentState.WRAP_UP);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#btn-finish-wrapup"))).click();
        awaitState(AgentState.READY);

        callFrom(SECOND_CALLER);
        visible("#customer-create").click();
        WebElement secondPhones = visible("#cust-phones");
        secondPhones.clear();
        secondPhones.sendKeys(FIRST_CALLER);
        visible("#cust-name").sendKeys("陈小春");
        visible("#customer-save").click();

        WebElement offer = visible("#customer-duplicate");
        assertThat(offer.getText()).contains("陈小春");
        assertThat(offer.getAttribute("data-existing-id")).isEqualTo(String.valueOf(created.id()));
        visible("#customer-use-existing").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#pop-customer-name"), "陈小春"));
        assertThat(visible("#ticket-customer").getText()).isEqualTo("陈小春");
        assertThat(f.platform.ticketing().customers().search("陈小春", 10)).hasSize(1);
    }

    @Test
    void anAgentLinksACallerFromAnotherNumberToTheirCustomerBySearching() {
        logInAgent("agent1");
        ready();

        callFrom("13700006666");
        visible("#customer-link").click();
        WebElement query = visible("#cust-query");
        assertThat(query.getAttribute("value")).isEqualTo("13700006666");
        query.clear();
        query.sendKeys("黎明");
        visible("#customer-search-go").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#customer-results"),
                KNOWN_PHONE));
        visible("#customer-results [data-customer-id]").click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#pop-customer-name"), "黎明"));
        assertThat(visible("#ticket-customer").getText()).isEqualTo("黎明");
        assertThat(browser.findElements(By.cssSelector("#customer-search"))).isEmpty();
        assertThat(visible("#customer-edit").isDisplayed()).isTrue();
    }

    @Test
    void anAgentEditsTheKnownCallersNameAndThePopShowsTheNewOne() {
        logInAgent("agent1");
        ready();

        callFrom(KNOWN_PHONE, "黎明");
        visible("#customer-edit").click();
        assertThat(visible("#cust-phones").getAttribute("value")).isEqualTo(KNOWN_PHONE);
        WebElement name = visible("#cust-name");
        name.clear();
        name.sendKeys("黎明明");
        visible("#customer-save").click();

        wait.until(ExpectedConditions.textToBe(By.cssSelector("#pop-customer-name"), "黎明明"));
        assertThat(visible("#ticket-customer").getText()).isEqualTo("黎明明");
        assertThat(f.platform.ticketing().customers().findByPhone(KNOWN_PHONE).orElseThrow().name())
                .isEqualTo("黎明明");
    }
}
