package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The ticket workspace as a complaint manager meets it, in a real headless Chromium against a whole node: on a
 * phone (375×667) the worklist, the list with its filters and a ticket's detail fit the screen (tables may scroll
 * inside their box, the page itself does not), every action button is on screen and no countdown, ticket number
 * or state wraps; the list
 * filters offer the assignees and departments before any ticket has been opened; the detail names the customer.
 */
class BrowserTicketWorkspacePhoneTest extends BrowserTestBase {
    private static final String CUSTOMER_PHONE = "13912345678";

    private static void seed(Ticketing t) {
        t.customers().create("王小明", CustomerClass.ORDINARY, List.of(CUSTOMER_PHONE));
        t.users().create("agent1", "张伟", PASSWORD.toCharArray(), Set.of(Role.AGENT), Set.of("complaint"));
        t.users().create("complaint_manager", "投诉经理", PASSWORD.toCharArray(), Set.of(Role.COMPLAINT_MANAGER),
                Set.of());
        t.users().create("complaint_handler", "刘芳", PASSWORD.toCharArray(), Set.of(Role.COMPLAINT_HANDLER),
                Set.of());
        try (Connection c = t.database().dataSource().getConnection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO departments (code, name, calendar_code, created_at) VALUES ('QA', '质量部', NULL, "
                        + "UTC_TIMESTAMP(3))")) {
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long customerId() {
        return f.platform.ticketing().customers().search(CUSTOMER_PHONE, 1).getFirst().id();
    }

    /** Two complaints of the customer (one assigned to the handler and QA) and one of an unknown caller. */
    private List<JsonNode> complaints() {
        String agent = f.login("agent1", PASSWORD);
        String manager = f.login("complaint_manager", PASSWORD);
        JsonNode assigned = create(agent, Map.of("customerId", customerId()));
        act(manager, assigned.get("id").asLong(), "assign", Map.of("assignee", "complaint_handler",
                "departments", List.of("QA")));
        JsonNode fresh = create(agent, Map.of("customerId", customerId()));
        JsonNode unknown = create(agent, Map.of("contactName", "李女士", "contactPhone", "13800001111"));
        return List.of(assigned, fresh, unknown);
    }

    private JsonNode create(String token, Map<String, Object> who) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "COMPLAINT", "category", "维修后仍无法开机",
                "serviceMode", "PHONE", "complaintClass", "PRODUCT_QUALITY", "severity", "NORMAL",
                "description", "客户投诉：手机送修两次仍无法开机，要求给出处理结果。" .repeat(4)));
        body.putAll(who);
        Fixture.Response r = f.post("/api/tickets", token, body);
        assertThat(r.status()).as("create: %s", r.body()).isEqualTo(201);
        return r.body();
    }

    private void act(String token, long id, String action, Map<String, Object> fields) {
        JsonNode current = f.get("/api/tickets/" + id, token).body();
        Map<String, Object> body = new HashMap<>(fields);
        body.put("version", current.get("version").asLong());
        Fixture.Response r = f.post("/api/tickets/" + id + "/actions/" + action, token, body);
        assertThat(r.status()).as("%s: %s", action, r.body()).isEqualTo(200);
    }

    private void click(String css) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    /** What a phone user would notice: the page scrolls sideways, a button is off screen, a countdown wraps. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> layoutProblems() {
        return (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                const width = window.innerWidth;
                const offScreen = [];
                document.querySelectorAll('button, a[data-open-ticket], select, input:not([type=hidden])')
                  .forEach((el) => {
                    const r = el.getBoundingClientRect();
                    if (r.width === 0 || el.closest('[hidden]') || el.closest('datalist')) { return; }
                    // inside a box that scrolls sideways an element is reachable by scrolling that box
                    if (el.closest('.table-scroll')) { return; }
                    if (r.left < -1 || r.right > width + 1) { offScreen.push(el.outerHTML.slice(0, 80)); }
                  });
                const wrapped = [];
                document.querySelectorAll('.countdown, a[data-open-ticket], .tk-status').forEach((el) => {
                  const tops = new Set([...el.getClientRects()].map((r) => Math.round(r.top)));
                  if (tops.size > 1) { wrapped.push(el.textContent.trim()); }
                });
                return { pageWidth: document.documentElement.scrollWidth, width, offScreen, wrapped,
                  countdowns: document.querySelectorAll('.countdown').length };""");
    }

    private void assertFitsThePhone(int countdownsAtLeast) {
        Map<String, Object> seen = layoutProblems();
        assertThat(((Number) seen.get("pageWidth")).intValue()).as("page width %s", seen)
                .isLessThanOrEqualTo(((Number) seen.get("width")).intValue());
        assertThat((List<?>) seen.get("offScreen")).as("off screen").isEmpty();
        assertThat((List<?>) seen.get("wrapped")).as("wrapped countdowns, ticket numbers or states").isEmpty();
        assertThat(((Number) seen.get("countdowns")).intValue()).isGreaterThanOrEqualTo(countdownsAtLeast);
    }

    @Test
    void onAPhoneTheWorklistTheListAndATicketFitTheScreenWithTheirButtonsAndCountdownsWhole() throws Exception {
        start(BrowserTicketWorkspacePhoneTest::seed);
        List<JsonNode> tickets = complaints();
        String number = tickets.get(1).get("number").asText();
        browser.manage().window().setSize(new Dimension(375, 667));
        logIn("complaint_manager", "tickets.html");
        assertThat(((Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;")).intValue())
                .isLessThanOrEqualTo(400);

        visible("[data-testid=worklist] tr[data-ticket='" + number + "']");
        assertFitsThePhone(1);

        click("#tk-tabs [data-view=list]");
        visible("[data-testid=ticket-list] tr[data-ticket='" + number + "']");
        visible("#tk-filters");
        assertFitsThePhone(1);

        click("[data-testid=ticket-list] tr[data-ticket='" + number + "'] a[data-open-ticket]");
        visible(".tk-detail[data-ticket='" + number + "'] [data-testid=tk-actions] button");
        visible("[data-testid=clocks]");
        assertFitsThePhone(1);
        click("[data-open-form=assign]");
        visible("#tk-action-form[data-action=assign]");
        assertFitsThePhone(1);
        WebElement submit = visible("#tk-action-submit");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", submit);
        wait.until(ExpectedConditions.elementToBeClickable(submit));
    }

    @Test
    void theListFiltersOfferAssigneesAndDepartmentsBeforeAnyTicketIsOpened() throws Exception {
        start(BrowserTicketWorkspacePhoneTest::seed);
        List<JsonNode> tickets = complaints();
        logIn("complaint_manager", "tickets.html");
        click("#tk-tabs [data-view=list]");
        visible("#tk-filters");

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#tk-filter-users option[value=complaint_handler]")));
        assertThat(browser.findElement(By.cssSelector("#tk-filters input[name=assignee]")).getAttribute("list"))
                .isEqualTo("tk-filter-users");
        assertThat(browser.findElement(By.cssSelector("#tk-filter-users option[value=complaint_handler]"))
                .getAttribute("textContent")).isEqualTo("刘芳");
        assertThat(browser.findElements(By.cssSelector("#tk-filter-users option[value=agent1]"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#tk-filter-departments option[value=QA]"))
                .getAttribute("textContent")).isEqualTo("质量部");

        visible("#tk-filters input[name=department]").sendKeys("QA");
        click("#tk-filters button[type=submit]");
        String assigned = tickets.get(0).get("number").asText();
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=ticket-list] tr[data-ticket]")).size() == 1);
        visible("[data-testid=ticket-list] tr[data-ticket='" + assigned + "']");
    }

    @Test
    void theDetailNamesTheCustomerOrTheContact() throws Exception {
        start(BrowserTicketWorkspacePhoneTest::seed);
        List<JsonNode> tickets = complaints();
        String manager = f.login("complaint_manager", PASSWORD);
        JsonNode ofCustomer = f.get("/api/tickets/" + tickets.get(1).get("id").asLong(), manager).body();
        logIn("complaint_manager", "tickets.html");

        browser.get(f.base + "/tickets.html?id=" + tickets.get(1).get("id").asLong());
        WebElement facts = visible(".tk-detail .facts");
        // the customer's name when the ticket carries it; the customer's number otherwise
        assertThat(facts.getText()).contains(ofCustomer.hasNonNull("customerName") ? "王小明"
                : "#" + customerId());

        browser.get(f.base + "/tickets.html?id=" + tickets.get(2).get("id").asLong());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tk-detail .facts"), "李女士"));
        assertThat(visible(".tk-detail .facts").getText()).contains("13800001111");
    }
}
