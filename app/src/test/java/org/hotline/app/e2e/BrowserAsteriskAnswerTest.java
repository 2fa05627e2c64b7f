package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.DialPlan;
import org.hotline.cti.asterisk.agi.testing.FakeAsteriskAgi;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * On Asterisk the agent answers on its SIP phone: the switch says up front that it cannot answer from the console, so
 * the ringing call's pop shows no Answer button (and the API refuses an answer with a 409 rather than failing at
 * call time). The call arrives over FastAGI (the fake) and rings the agent's phone until the test ends.
 */
class BrowserAsteriskAnswerTest extends BrowserTestBase {
    private static final String AMI_SECRET = "ami-lab-secret";
    private static final String CALL = "1796164299.0";

    private FakeAsteriskAmi ami;
    private FakeAsteriskAgi agi;

    @AfterEach
    void stopFakes() throws Exception {
        if (agi != null) {
            agi.close();
        }
        if (ami != null) {
            ami.close();
        }
    }

    @Test
    void aRingingCallOnAsteriskShowsNoAnswerButtonBecauseTheAgentPicksUpThePhone() throws Exception {
        ami = new FakeAsteriskAmi("hotline", AMI_SECRET);
        ami.devices(Map.of("PJSIP/1001", "NOT_INUSE"));
        Map<String, Object> o = new HashMap<>(Fixture.onAsterisk(ami.port(), AMI_SECRET, "agent1=PJSIP/1001"));
        start(t -> {
            t.customers().create("韩梅梅", CustomerClass.ORDINARY, List.of("13800138000"));
            t.users().create("agent1", "坐席一", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                    Set.of("consultation", "repair", "complaint", "operator"));
        }, o);
        FakeAsteriskAmi.Session session = ami.session(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(session::loggedIn);
        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.asteriskSwitch().deviceAvailable("PJSIP/1001"));
        agi = new FakeAsteriskAgi("127.0.0.1", f.platform.asteriskSwitch().agiPort());

        logInAgent("agent1");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#btn-ready"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("pop"), "data-actions-for", "READY"));
        assertThat(visible("#btn-dial").isDisplayed()).as("dialling is offered while READY").isTrue();

        agi.call(CallerPlan.caller(CALL).callerId("13800138000").channel("PJSIP/lab-trunk-00000001")
                .requestPath("hotline?flow=main").keys("2").dial(DialPlan.noAnswer(Duration.ofSeconds(50))).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.acd().agent("agent1").orElseThrow().state()
                == AgentState.RESERVED);
        wait.until(ExpectedConditions.attributeToBe(By.id("pop"), "data-phase", "ringing"));
        wait.until(ExpectedConditions.attributeToBe(By.id("pop"), "data-actions-for", "RESERVED"));

        assertThat(browser.findElement(By.id("pop")).getAttribute("data-actions")).doesNotContain("answer");
        assertThat(browser.findElement(By.id("btn-answer")).isDisplayed()).isFalse();
        String token = f.login("agent1", PASSWORD);
        Fixture.Response answer = f.post("/api/agent/answer", token, Map.of());
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.body().path("error").asText()).contains("answer the call on the phone PJSIP/1001");
    }
}
