package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.hotline.cti.sim.CallPhase;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackStatus;
import org.hotline.platform.callback.NewCallback;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Queue callbacks in the agent workspace, in a real headless Chromium (Debian's chromium + chromedriver) against the
 * whole platform (MariaDB, simulated switch), set up the way {@link BrowserAgentTest} is: the waiting callbacks
 * of the agent's queues are listed, "回拨" claims one and rings the agent's phone for the customer, the row then offers
 * the results, and "已接通" removes it. A customer name that is hostile HTML shows as text. (The live push of callback
 * changes is covered by the console's CallbackSocketTest.)
 */
class BrowserCallbackTest extends BrowserTestBase {
    private static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";

    @BeforeEach
    void setUp() throws Exception {
        start(t -> t.users().create("agent1", "张伟", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                Set.of("consultation", "repair", "complaint", "operator")));
    }

    private static String row(CallbackRequest cb) {
        return "#callback-rows tr[data-callback-id='" + cb.id() + "']";
    }

    private CallbackRequest request(String queue, String phone, String customerName) {
        return f.platform.ticketing().callbacks().request(new NewCallback(null, queue, phone, null, customerName));
    }

    @Test
    void agentCallsBackAWaitingCustomerAndReportsReached() {
        CallbackRequest hostile = request("repair", "13912345678", HOSTILE_NAME);
        CallbackRequest cb = request("consultation", "13800138000", null);

        logInAgent("agent1");
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#agent-state"), Pattern.compile("示忙")));

        // both listed on page load, oldest first, the hostile name as plain text
        WebElement hostileRow = visible(row(hostile));
        WebElement hostileName = hostileRow.findElement(By.cssSelector(".cb-customer"));
        assertThat(hostileName.getText()).isEqualTo(HOSTILE_NAME);
        assertThat(browser.findElements(By.cssSelector("#callbacks-panel img"))).isEmpty();
        assertThat(hostileRow.getText()).contains("报修", "13912345678", "待回拨");

        WebElement waiting = visible(row(cb));
        assertThat(waiting.getText()).contains("咨询", "未知客户", "13800138000", "待回拨");
        assertThat(browser.findElements(By.cssSelector("#callback-rows tr[data-callback-id]")).stream()
                .map(e -> e.getAttribute("data-callback-id")).toList())
                .containsExactly(String.valueOf(hostile.id()), String.valueOf(cb.id()));

        WebElement callBack = visible(row(cb) + " button[data-cb-action='claim']");
        assertThat(callBack.getText()).isEqualTo("回拨");
        callBack.click();

        WebElement reached = visible(row(cb) + " button[data-cb-result='REACHED']");
        assertThat(reached.getText()).isEqualTo("已接通");
        assertThat(visible(row(cb) + " button[data-cb-result='NO_ANSWER']").getText()).isEqualTo("未接通");
        assertThat(visible(row(cb) + " button[data-cb-result='WRONG_NUMBER']").getText()).isEqualTo("号码错误");
        assertThat(visible(row(cb) + " button[data-cb-action='release']").getText()).isEqualTo("放回");
        assertThat(visible(row(cb)).getText()).contains("回拨中");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.simulatedSwitch().calls().stream()
                .anyMatch(c -> c.outbound() && "13800138000".equals(c.dnis()) && "console/agent1".equals(c.device())
                        && c.phase() == CallPhase.RINGING));
        assertThat(f.platform.ticketing().callbacks().find(cb.id()).orElseThrow().status())
                .isEqualTo(CallbackStatus.IN_PROGRESS);

        // the call's progress under the dial bar: the agent's phone rings, then the customer answers, then it ends
        wait.until(ExpectedConditions.textToBe(By.id("dial-status"), "您的话机正在振铃，请摘机"));
        String outbound = f.platform.simulatedSwitch().calls().stream().filter(c -> c.outbound()).findFirst()
                .orElseThrow().callId();
        f.platform.simulatedSwitch().answer("console/agent1");
        wait.until(ExpectedConditions.textToBe(By.id("dial-status"), "13800138000 已接通"));
        f.platform.simulatedSwitch().hangup(outbound);
        wait.until(ExpectedConditions.textToBe(By.id("dial-status"), "与 13800138000 的通话已结束"));

        visible(row(cb) + " input[data-cb-note]").sendKeys("客户问题已解决");
        visible(row(cb) + " button[data-cb-result='REACHED']").click();

        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(row(cb))));
        CallbackRequest done = f.platform.ticketing().callbacks().find(cb.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(CallbackStatus.DONE);
        assertThat(done.agent()).isEqualTo("agent1");
        assertThat(done.note()).isEqualTo("客户问题已解决");
        assertThat(browser.findElements(By.cssSelector(row(hostile)))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#callbacks-panel img"))).isEmpty();
    }
}
