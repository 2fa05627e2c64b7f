package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.clock.ClockScheduler;
import org.hotline.ticketing.workflow.DbTicketDesk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A complaint's whole life in a real headless Chromium against a whole node (W2): an agent records it from the
 * screen-pop and opens it in the ticket workspace, the complaint manager assigns a handler and a department, the
 * handler starts and resolves it with the customer told, the manager closes it; a stale action says someone else
 * changed the ticket; an open ticket follows others' actions live; the list filters, searches and pages; an overdue complaint, after one pass of the clock
 * scheduler at a later instant (no waiting for business time), shows escalated and overdue in the department
 * manager's worklist and per-department view.
 */
class BrowserComplaintJourneyTest extends BrowserTestBase {
    private static final String CUSTOMER_PHONE = "13912345678";

    @BeforeEach
    void setUp() throws Exception {
        start(BrowserComplaintJourneyTest::seed);
    }

    private static void seed(Ticketing t) {
        t.customers().create("王小明", CustomerClass.ORDINARY, List.of(CUSTOMER_PHONE));
        t.users().create("agent1", "张伟", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                Set.of("consultation", "repair", "complaint", "operator"));
        t.users().create("complaint_manager", "投诉经理", PASSWORD.toCharArray(), Set.of(Role.COMPLAINT_MANAGER),
                Set.of());
        t.users().create("complaint_handler", "投诉处理专员", PASSWORD.toCharArray(),
                Set.of(Role.COMPLAINT_HANDLER), Set.of());
        t.users().create("department_manager", "质量部经理", PASSWORD.toCharArray(),
                Set.of(Role.DEPARTMENT_MANAGER), Set.of());
        department(t, "QA", "质量部", Map.of("complaint_handler", false, "department_manager", true));
    }

    /** A department with its members (true: manager), straight into the V8 tables. */
    private static void department(Ticketing t, String code, String name, Map<String, Boolean> members) {
        try (Connection c = t.database().dataSource().getConnection()) {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO departments (code, name, calendar_code, created_at) VALUES (?, ?, NULL, UTC_TIMESTAMP(3))")) {
                p.setString(1, code);
                p.setString(2, name);
                p.executeUpdate();
            }
            for (Map.Entry<String, Boolean> m : members.entrySet()) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO department_members "
                        + "(department_id, user_id, manager) SELECT d.id, u.id, ? FROM departments d, users u "
                        + "WHERE d.code = ? AND u.username = ?")) {
                    p.setBoolean(1, m.getValue());
                    p.setString(2, code);
                    p.setString(3, m.getKey());
                    assertThat(p.executeUpdate()).isEqualTo(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void logInAs(String user, String landsOn) {
        browser.manage().deleteAllCookies();
        browser.get(f.base + "/");
        visible("#login-username").sendKeys(user);
        visible("#login-password").sendKeys(PASSWORD);
        visible("#login-submit").click();
        wait.until(ExpectedConditions.urlContains(landsOn));
    }

    private WebElement worklistRow(String number) {
        return visible("[data-testid=worklist] tr[data-ticket='" + number + "']");
    }

    /**
     * Clicks what {@code css} names once it is there; the workspace redraws itself when an answer or a live change
     * arrives, so an element found just before a redraw is looked up again.
     */
    private void click(String css) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    private void openFromWorklist(String number) {
        worklistRow(number);
        click("[data-testid=worklist] tr[data-ticket='" + number + "'] a[data-open-ticket]");
        visible(".tk-detail[data-ticket='" + number + "']");
    }

    private void openForm(String action) {
        click("[data-open-form='" + action + "']");
        visible("#tk-action-form[data-action='" + action + "']");
    }

    private void submitForm() {
        click("#tk-action-submit");
    }

    private void awaitStatus(String label) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-testid=tk-status]"), label));
    }

    private String version() {
        return visible(".tk-detail").getAttribute("data-version");
    }

    @Test
    void aComplaintFromAPopIsAssignedStartedResolvedWithTheCustomerToldAndClosed() {
        // the agent records the complaint from the popped call
        logInAgent("agent1");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#btn-ready"))).click();
        wait.until(ExpectedConditions.textMatches(By.cssSelector("#agent-state"), Pattern.compile("就绪|READY")));
        f.platform.simulatedSwitch().placeCall(new SimulatedCaller(CUSTOMER_PHONE, "4000", List.of("3"),
                Duration.ofMinutes(5), Duration.ZERO, Map.of()));
        wait.until(ExpectedConditions.textToBePresentInElement(visible("#pop-customer-name"), "王小明"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#btn-answer"))).click();

        assertThat(browser.findElement(By.id("ticket-complaint-class")).isDisplayed()).isFalse();
        new Select(visible("#ticket-type")).selectByValue("COMPLAINT");
        new Select(visible("#ticket-complaint-class")).selectByValue("SERVICE_QUALITY");
        new Select(visible("#ticket-severity")).selectByValue("NORMAL");
        visible("#ticket-category").sendKeys("维修后仍无法开机");
        new Select(visible("#ticket-service-mode")).selectByValue("PHONE");
        visible("#ticket-description").sendKeys("客户投诉：手机送修两次仍无法开机，要求给出处理结果。");
        visible("#ticket-submit").click();

        wait.until(ExpectedConditions.textMatches(By.id("ticket-result"), Pattern.compile("T\\d{8}-\\d+")));
        // the form is back to its defaults, the complaint's own fields too
        assertThat(new Select(browser.findElement(By.id("ticket-type"))).getFirstSelectedOption()
                .getAttribute("value")).isEmpty();
        assertThat(browser.findElement(By.id("ticket-category")).getAttribute("value")).isEmpty();
        assertThat(browser.findElement(By.id("ticket-description")).getAttribute("value")).isEmpty();
        assertThat(new Select(browser.findElement(By.id("ticket-complaint-class"))).getFirstSelectedOption()
                .getAttribute("value")).isEmpty();
        assertThat(browser.findElement(By.id("ticket-complaint-class")).isDisplayed()).isFalse();

        // the saved ticket opens in the workspace (a new tab: the call's desk stays)
        WebElement link = visible("#my-tickets a.ticket-number");
        String number = link.getText();
        String desk = browser.getWindowHandle();
        link.click();
        wait.until(d -> d.getWindowHandles().size() == 2);
        browser.switchTo().window(browser.getWindowHandles().stream().filter(h -> !h.equals(desk)).findFirst()
                .orElseThrow());
        visible(".tk-detail[data-ticket='" + number + "']");
        awaitStatus("新建");
        assertThat(visible(".tk-detail").getText()).contains("服务质量", "维修后仍无法开机");
        browser.close();
        browser.switchTo().window(desk);

        // the complaint manager finds it in the worklist and assigns a handler and the department involved
        logInAs("complaint_manager", "tickets.html");
        assertThat(worklistRow(number).getText()).contains("您的角色", "王小明");
        openFromWorklist(number);
        openForm("assign");
        // the pickers offer the complaint handlers and the departments (the server's choices for this ticket)
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#tk-users option[value='complaint_handler']")));
        assertThat(browser.findElements(By.cssSelector("#tk-users option"))).extracting(e -> e.getAttribute("value"))
                .containsExactly("complaint_handler");
        assertThat(browser.findElements(By.cssSelector("#tk-departments option[value='QA']"))).hasSize(1);
        visible("#tk-f-assignee").sendKeys("complaint_handler");
        visible("#tk-f-departments").sendKeys("QA");
        submitForm();
        awaitStatus("已指派");
        assertThat(visible("[data-testid=tk-assignee]").getText()).isEqualTo("complaint_handler");
        assertThat(visible("[data-testid=tk-departments]").getText()).isEqualTo("QA");

        // the handler starts it, then resolves it with how and when the customer was told
        logInAs("complaint_handler", "tickets.html");
        assertThat(worklistRow(number).getText()).contains("指派给您");
        openFromWorklist(number);
        openForm("start");
        submitForm();
        awaitStatus("处理中");
        openForm("resolve");
        visible("#tk-f-resolution").sendKeys("更换主板并回访，客户认可处理结果。");
        new Select(visible("#tk-f-customerInformedVia")).selectByValue("PHONE");
        assertThat(visible("#tk-f-customerInformedAt").getAttribute("value")).isNotBlank();
        submitForm();
        awaitStatus("已解决");
        assertThat(visible("[data-testid=timeline]").getText()).contains("更换主板并回访", "电话");

        // the complaint manager closes it
        logInAs("complaint_manager", "tickets.html");
        openFromWorklist(number);
        openForm("close");
        submitForm();
        awaitStatus("已关闭");
        assertThat(browser.findElements(By.cssSelector("[data-open-form='close']"))).isEmpty();
        assertThat(visible("[data-testid=timeline]").findElements(By.cssSelector("li")))
                .extracting(e -> e.getAttribute("data-action"))
                .containsSubsequence("create", "assign", "start", "resolve", "close");
    }

    @Test
    void anActionOnATicketSomeoneElseChangedMeanwhileSaysSoAndShowsItReloaded() {
        String token = f.login("complaint_manager", PASSWORD);
        JsonNode ticket = createComplaint(f.login("agent1", PASSWORD), "NORMAL");
        long id = ticket.get("id").asLong();
        act(token, id, "assign", Map.of("assignee", "complaint_handler", "departments", List.of("QA")));

        logInAs("complaint_handler", "tickets.html");
        browser.get(f.base + "/tickets.html?id=" + id);
        visible(".tk-detail[data-ticket='" + ticket.get("number").asText() + "']");
        String seen = version();
        openForm("start");

        // meanwhile the complaint manager reclassifies it
        act(token, id, "classify", Map.of("severity", "MAJOR"));
        submitForm();

        WebElement notice = visible("[data-testid=tk-notice][data-kind=stale]");
        assertThat(notice.getText()).contains("有人刚刚修改了此工单", "已重新加载");
        assertThat(version()).isNotEqualTo(seen);
        assertThat(visible(".tk-detail").getText()).contains("重大");
        awaitStatus("已指派");

        // on the reloaded ticket the same action goes through
        openForm("start");
        submitForm();
        awaitStatus("处理中");
    }

    @Test
    void anOverdueComplaintShowsEscalatedInTheDepartmentManagersWorklist() {
        String handler = f.login("complaint_handler", PASSWORD);
        JsonNode ticket = createComplaint(f.login("agent1", PASSWORD), "NORMAL");
        long id = ticket.get("id").asLong();
        String number = ticket.get("number").asText();
        act(f.login("complaint_manager", PASSWORD), id, "assign",
                Map.of("assignee", "complaint_handler", "departments", List.of("QA")));
        act(handler, id, "start", Map.of());

        // the complaint was taken a month ago (its rows moved 30 days back), then one pass of the scheduler now:
        // every deadline and escalation step of the ladder fell due, as the server and the browser both see it
        ageTicket(id, Duration.ofDays(30));
        runSchedulerAt(Instant.now());

        chromium.consoleProblems(); // only what the workspace itself logs counts
        logInAs("department_manager", "tickets.html");
        WebElement row = worklistRow(number);
        assertThat(row.getText()).contains("已升级", "已超时");
        assertThat(row.findElements(By.cssSelector("[data-flag=overdue]"))).hasSize(1);
        assertThat(row.getText()).contains("您的部门");
        click("[data-view=managers]");
        WebElement qa = visible("[data-testid=managers] [data-department=QA]");
        assertThat(qa.getText()).contains(number, "已升级");
        assertThat(qa.findElement(By.cssSelector("h3")).getText()).contains("超时 1");
        assertThat(chromium.consoleProblems()).as("the workspace logs no error or warning").isEmpty();
    }

    @Test
    void anOpenTicketFollowsWhatOthersDoToItWithoutAReload() {
        String manager = f.login("complaint_manager", PASSWORD);
        JsonNode ticket = createComplaint(f.login("agent1", PASSWORD), "NORMAL");
        long id = ticket.get("id").asLong();
        act(manager, id, "assign", Map.of("assignee", "complaint_handler", "departments", List.of("QA")));

        logInAs("complaint_handler", "tickets.html");
        browser.get(f.base + "/tickets.html?id=" + id);
        awaitStatus("已指派");
        ((JavascriptExecutor) browser).executeScript("window.__sameDocument = true;");

        act(manager, id, "comment", Map.of("text", "请今天内联系客户", "visibleToCustomer", false));

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=timeline]"),
                "请今天内联系客户"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument;"))
                .as("the page refreshed the ticket itself, it was not reloaded").isEqualTo(true);
    }

    @Test
    void theTicketListFiltersByTypeAndStatusSearchesByPhoneAndPages() {
        String agent = f.login("agent1", PASSWORD);
        for (int i = 0; i < 22; i++) {
            createComplaint(agent, "NORMAL");
        }
        Fixture.Response other = f.post("/api/tickets", agent, Map.of("type", "COMPLAINT", "category", "收费争议",
                "serviceMode", "PHONE", "description", "客户投诉维修收费不透明", "complaintClass", "SERVICE_QUALITY",
                "severity", "NORMAL", "contactName", "赵先生", "contactPhone", "13700002222"));
        assertThat(other.status()).as("create: %s", other.body()).isEqualTo(201);
        String byPhone = other.body().get("number").asText();
        act(f.login("complaint_manager", PASSWORD), other.body().get("id").asLong(), "assign",
                Map.of("assignee", "complaint_handler"));

        logInAs("complaint_manager", "tickets.html");
        click("[data-view=list]");
        new Select(visible("#tk-filters select[name=type]")).selectByValue("COMPLAINT");
        new Select(visible("#tk-filters select[name=status]")).selectByValue("NEW");
        visible("#tk-filters button[type=submit]").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pager"), "共 22 条"));
        assertThat(browser.findElements(By.cssSelector("[data-testid=ticket-list] tr[data-ticket]"))).hasSize(20);
        click(".pager button[data-page='20']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pager"), "第 21–22 条"));
        assertThat(browser.findElements(By.cssSelector("[data-testid=ticket-list] tr[data-ticket]"))).hasSize(2);

        new Select(visible("#tk-filters select[name=type]")).selectByValue("");
        new Select(visible("#tk-filters select[name=status]")).selectByValue("");
        visible("#tk-filters input[name=q]").sendKeys("13700002222");
        visible("#tk-filters button[type=submit]").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pager"), "共 1 条"));
        assertThat(browser.findElements(By.cssSelector("[data-testid=ticket-list] tr[data-ticket]")))
                .extracting(e -> e.getAttribute("data-ticket")).containsExactly(byPhone);
    }

    /**
     * One pass of the clock scheduler at {@code at} on the node's database, escalating through the node's own desk
     * (the node's scheduler runs on the real clock; the claims make each deadline fire exactly once either way).
     */
    /** Moves every time of a ticket, its clocks, their alarms and its history {@code by} into the past. */
    private void ageTicket(long id, Duration by) {
        String back = " - INTERVAL " + by.toSeconds() + " SECOND";
        try (Connection c = f.platform.ticketing().database().dataSource().getConnection()) {
            for (String sql : List.of(
                    "UPDATE tickets SET created_at = created_at" + back + ", updated_at = updated_at" + back
                            + ", next_due_at = CASE WHEN next_due_at < '9999-01-01' THEN next_due_at" + back
                            + " ELSE next_due_at END WHERE id = ?",
                    "UPDATE ticket_clocks SET started_at = started_at" + back + ", due_at = due_at" + back
                            + ", paused_since = paused_since" + back + ", met_at = met_at" + back
                            + ", breached_at = breached_at" + back + ", stopped_at = stopped_at" + back
                            + " WHERE ticket_id = ?",
                    "UPDATE clock_alarms SET due_at = due_at" + back + " WHERE ticket_id = ?",
                    "UPDATE ticket_events SET `at` = `at`" + back + " WHERE ticket_id = ?")) {
                try (PreparedStatement p = c.prepareStatement(sql)) {
                    p.setLong(1, id);
                    p.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void runSchedulerAt(Instant at) {
        Ticketing t = f.platform.ticketing();
        DbTicketDesk desk = t.workflow(f.platform.bus()); // built once: the node's desk
        t.clockScheduler(t.notificationWriter(), desk, ClockScheduler.Settings.defaults("e2e")).runOnce(at);
    }

    private JsonNode createComplaint(String agentToken, String severity) {
        Fixture.Response r = f.post("/api/tickets", agentToken, Map.of("type", "COMPLAINT", "category", "服务态度",
                "serviceMode", "PHONE", "description", "客户投诉营业厅服务态度差", "complaintClass", "STAFF_CONDUCT",
                "severity", severity, "contactName", "李女士", "contactPhone", "13800001111"));
        assertThat(r.status()).as("create: %s", r.body()).isEqualTo(201);
        return r.body();
    }

    private JsonNode act(String token, long id, String action, Map<String, Object> fields) {
        JsonNode current = f.get("/api/tickets/" + id, token).body();
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("version", current.get("version").asLong());
        Fixture.Response r = f.post("/api/tickets/" + id + "/actions/" + action, token, body);
        assertThat(r.status()).as("%s: %s", action, r.body()).isEqualTo(200);
        return r.body();
    }
}
