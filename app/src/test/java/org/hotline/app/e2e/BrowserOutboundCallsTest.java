package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The supervisor's call list shows an outbound call as such (呼出 and the number dialled instead of a caller and a
 * queue) with its outcome, in a real headless Chromium against the whole platform.
 */
class BrowserOutboundCallsTest extends BrowserTestBase {
    @BeforeEach
    void setUp() throws Exception {
        start(t -> {
            t.users().create("agent1", "张伟", PASSWORD.toCharArray(), Set.of(Role.AGENT), Set.of("repair"));
            t.users().create("sup1", "王主管", PASSWORD.toCharArray(), Set.of(Role.SUPERVISOR), Set.of());
        });
    }

    @Test
    void anOutboundCallShowsAsOutboundWithTheNumberDialledAndItsOutcome() {
        f.platform.simulatedSwitch().registerDevice("console/agent1");
        String token = f.login("agent1", PASSWORD);
        assertThat(f.post("/api/agent/login", token, Map.of()).status()).isEqualTo(200);
        Fixture.Response dialled = f.post("/api/agent/dial", token, Map.of("destination", "10086"));
        assertThat(dialled.status()).as(dialled.body().toString()).isEqualTo(200);
        String callId = dialled.body().path("callId").asText();
        f.platform.simulatedSwitch().hangup(callId);         // hung up while the agent's phone rang
        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.ticketing().calls().find(callId)
                .map(r -> r.outcome() != null).orElse(false));

        browser.get(f.base + "/");
        visible("#login-username").sendKeys("sup1");
        visible("#login-password").sendKeys(PASSWORD);
        visible("#login-submit").click();
        wait.until(ExpectedConditions.urlContains("supervisor"));

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("call-rows"), "呼出 10086"));
        WebElement row = visible("#call-rows tr");
        assertThat(row.getText()).contains("呼出 10086", "呼出", "agent1", "无人接听");
    }
}
