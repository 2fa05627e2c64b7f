package org.hotline.console.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.console.testing.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ticket workflow's HTTP contract: the ticket with its clocks, allowed actions and history; actions with their
 * answers (200, 409 state / stale, 403 role, 400 field, 404); the filtered list; the worklist.
 */
class TicketWorkflowApiTest extends StackTestBase {
    private static String agent;
    private static String manager;
    private static String otherManager;
    private static String handler;
    private static String engineer;
    private static Customer customer;

    @BeforeAll
    static void users() throws Exception {
        agent = backend.newAgent();
        manager = backend.newUser("cmgr", Set.of(Role.COMPLAINT_MANAGER), Set.of());
        otherManager = backend.newUser("cmgr", Set.of(Role.COMPLAINT_MANAGER), Set.of());
        handler = backend.newUser("handler", Set.of(Role.COMPLAINT_HANDLER), Set.of());
        engineer = backend.newUser("eng", Set.of(Role.ENGINEER), Set.of());
        customer = backend.newCustomer("刘备", CustomerClass.ORDINARY);
        try (Connection c = backend.testDb.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO departments (code, name, created_at) VALUES ('REPAIR_CTR', '维修中心', NOW(3))")) {
            st.executeUpdate();
        }
    }

    private JsonNode newComplaint(String token) {
        Reply r = api.post("/api/tickets", json("type", "COMPLAINT", "category", "服务态度", "serviceMode", "PHONE",
                "description", "客户投诉维修人员态度差", "customerId", customer.id(), "complaintClass", "STAFF_CONDUCT",
                "severity", "NORMAL"), token);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private Reply act(long id, String action, long version, String token, Object... fields) {
        Object[] all = new Object[fields.length + 2];
        all[0] = "version";
        all[1] = version;
        System.arraycopy(fields, 0, all, 2, fields.length);
        return api.post("/api/tickets/" + id + "/actions/" + action, json(all), token);
    }

    @Test
    void aComplaintIsCreatedNewAndItsManagerSeesClocksAllowedActionsAndHistory() {
        JsonNode created = newComplaint(api.login(agent));
        assertThat(created.path("status").asText()).isEqualTo("NEW");
        assertThat(created.path("complaintClass").asText()).isEqualTo("STAFF_CONDUCT");

        Reply r = api.get("/api/tickets/" + created.path("id").asLong(), api.login(manager));

        assertThat(r.status()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.path("version").asLong()).isZero();
        assertThat(t.path("customerName").asText()).as("who the customer is").isEqualTo("刘备");
        assertThat(t.path("departments").isArray()).isTrue();
        List<String> clocks = new ArrayList<>();
        t.path("clocks").forEach(c -> clocks.add(c.path("name").asText() + ":" + c.path("state").asText()));
        assertThat(clocks).contains("FIRST_RESPONSE:RUNNING", "RESOLUTION:RUNNING", "STAGNATION:RUNNING");
        assertThat(t.path("clocks").get(0).has("dueAt")).isTrue();
        JsonNode assign = find(t.path("allowedActions"), "assign");
        assertThat(assign.path("fields").toString()).isEqualTo("[\"assignee\",\"departments\"]");
        assertThat(assign.path("required").toString()).isEqualTo("[\"assignee\"]");
        assertThat(t.path("history").get(0).path("action").asText()).isEqualTo("create");
        assertThat(t.path("history").get(0).path("actor").asText()).isEqualTo(agent);
    }

    @Test
    void theManagerAssignsTheHandlerStartsAndResolvesWithTheCustomerTold() {
        long id = newComplaint(api.login(agent)).path("id").asLong();
        String m = api.login(manager);
        String h = api.login(handler);

        Reply assigned = act(id, "assign", 0, m, "assignee", handler, "departments", List.of("REPAIR_CTR"));
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        assertThat(assigned.json().path("status").asText()).isEqualTo("ASSIGNED");
        assertThat(assigned.json().path("assignee").asText()).isEqualTo(handler);
        assertThat(assigned.json().path("departments").toString()).isEqualTo("[\"REPAIR_CTR\"]");
        assertThat(assigned.json().path("version").asLong()).isEqualTo(1);
        Reply started = act(id, "start", 1, h);
        assertThat(started.status()).isEqualTo(200);
        Reply resolved = act(id, "resolve", 2, h, "resolution", "已道歉并赔偿", "customerInformedVia", "PHONE",
                "customerInformedAt", "2020-01-01T08:00:00Z");
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().path("status").asText()).isEqualTo("RESOLVED");
        assertThat(resolved.json().path("customerInformedVia").asText()).isEqualTo("PHONE");
        Reply closed = act(id, "close", 3, m);
        assertThat(closed.json().path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().path("history").size()).isEqualTo(5);
    }

    @Test
    void refusalsAnswer409ForTheStateAndForAStaleVersion403ForTheRole400ForAField404ForNoTicketOrAction() {
        long id = newComplaint(api.login(agent)).path("id").asLong();
        String m = api.login(manager);
        String a = api.login(agent);

        Reply state = act(id, "close", 0, m);
        Reply role = act(id, "assign", 0, a, "assignee", handler);
        Reply field = act(id, "assign", 0, m);
        Reply wrongAssignee = act(id, "assign", 0, m, "assignee", engineer);
        Reply noVersion = api.post("/api/tickets/" + id + "/actions/assign", json("assignee", handler), m);
        Reply noTicket = act(987654321, "assign", 0, m, "assignee", handler);
        Reply noAction = act(id, "fly-away", 0, m);
        assertThat(act(id, "comment", 0, m, "text", "已受理").status()).isEqualTo(200);
        Reply stale = act(id, "assign", 0, m, "assignee", handler);

        assertThat(state.status()).isEqualTo(409);
        assertThat(state.error()).startsWith("not allowed now");
        assertThat(role.status()).isEqualTo(403);
        assertThat(role.error()).contains("COMPLAINT_MANAGER");
        assertThat(field.status()).isEqualTo(400);
        assertThat(field.field()).isEqualTo("assignee");
        assertThat(wrongAssignee.status()).isEqualTo(400);
        assertThat(wrongAssignee.field()).isEqualTo("assignee");
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.field()).isEqualTo("version");
        assertThat(noTicket.status()).isEqualTo(404);
        assertThat(noAction.status()).isEqualTo(404);
        assertThat(noAction.field()).isEqualTo("action");
        assertThat(noAction.error()).isEqualTo("unknown action fly-away");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.error()).startsWith("stale").contains("version 0").contains("now 1");
        JsonNode after = api.get("/api/tickets/" + id, m).json();
        assertThat(after.path("status").asText()).isEqualTo("NEW");
        assertThat(after.path("history").size()).as("create and the comment only").isEqualTo(2);
        Reply system = act(id, "customer-message", after.path("version").asLong(), m, "text", "我是客户");
        assertThat(system.status()).as("the system's step is no user's").isEqualTo(403);
        assertThat(api.get("/api/tickets/" + id, m).json().path("allowedActions").toString())
                .doesNotContain("customer-message");
    }

    @Test
    void twoManagersAssigningAtOnceOneGets200TheOther409AndHistoryHasOneLine() throws Exception {
        long id = newComplaint(api.login(agent)).path("id").asLong();
        String m1 = api.login(manager);
        String m2 = api.login(otherManager);
        CountDownLatch go = new CountDownLatch(1);

        CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> {
            await(go);
            return act(id, "assign", 0, m1, "assignee", handler);
        });
        CompletableFuture<Reply> second = CompletableFuture.supplyAsync(() -> {
            await(go);
            return act(id, "assign", 0, m2, "assignee", handler);
        });
        go.countDown();
        List<Integer> statuses = List.of(first.get(30, TimeUnit.SECONDS).status(),
                second.get(30, TimeUnit.SECONDS).status());

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(api.get("/api/tickets/" + id, m1).json().path("history").size()).isEqualTo(2);
    }

    @Test
    void theListFiltersAndSearchesAndTheWorklistShowsTheHandlersTickets() {
        JsonNode created = newComplaint(api.login(agent));
        long id = created.path("id").asLong();
        String m = api.login(manager);
        String h = api.login(handler);
        act(id, "assign", 0, m, "assignee", handler, "departments", List.of("REPAIR_CTR"));

        Reply mine = api.get("/api/tickets?type=COMPLAINT&assignee=me&status=ASSIGNED", h);
        Reply byNumber = api.get("/api/tickets?q=" + created.path("number").asText(), m);
        Reply byDepartment = api.get("/api/tickets?department=REPAIR_CTR", m);
        Reply worklist = api.get("/api/worklist", h);
        Reply badStatus = api.get("/api/tickets?status=OPEN", m);
        Reply badType = api.get("/api/tickets?type=PARCEL", m);

        assertThat(mine.status()).isEqualTo(200);
        assertThat(ids(mine.json())).contains(id);
        assertThat(mine.json().path("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(ids(byNumber.json())).containsExactly(id);
        assertThat(byNumber.json().path("tickets").get(0).path("customerName").asText()).isEqualTo("刘备");
        assertThat(ids(byDepartment.json())).contains(id);
        assertThat(ids(worklist.json())).contains(id);
        assertThat(worklist.json().path("tickets").get(0).path("why").asText()).isEqualTo("ASSIGNED_TO_YOU");
        assertThat(worklist.json().path("tickets").get(0).path("nextDueAt").isTextual()).isTrue();
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.field()).isEqualTo("status");
        assertThat(badType.field()).isEqualTo("type");
    }

    @Test
    void aComplaintWithoutClassOrReachableCustomerAndARepairWithoutProductAreRefusedNamingTheField() {
        String a = api.login(agent);

        Reply noClass = api.post("/api/tickets", json("type", "COMPLAINT", "category", "c", "serviceMode", "PHONE",
                "description", "d", "customerId", customer.id()), a);
        Reply noPhone = api.post("/api/tickets", json("type", "COMPLAINT", "category", "c", "serviceMode", "PHONE",
                "description", "d", "complaintClass", "MISUSE"), a);
        Reply withPhone = api.post("/api/tickets", json("type", "COMPLAINT", "category", "c", "serviceMode",
                "PHONE", "description", "d", "complaintClass", "MISUSE", "contactPhone", "13900001111"), a);
        Reply noProduct = api.post("/api/tickets", json("type", "REPAIR", "category", "c", "serviceMode",
                "CARRY_IN", "description", "无法开机", "customerId", customer.id()), a);
        Reply modelAndSerial = api.post("/api/tickets", json("type", "REPAIR", "category", "c", "serviceMode",
                "CARRY_IN", "description", "无法开机", "customerId", customer.id(), "productModel", "Mate 60",
                "productSerial", "SN-API-1"), a);

        assertThat(noClass.status()).isEqualTo(400);
        assertThat(noClass.field()).isEqualTo("complaintClass");
        assertThat(noPhone.field()).isEqualTo("contactPhone");
        assertThat(withPhone.status()).isEqualTo(201);
        assertThat(withPhone.json().path("contactPhone").asText()).isEqualTo("13900001111");
        assertThat(noProduct.field()).isEqualTo("productModel");
        assertThat(modelAndSerial.status()).isEqualTo(201);
    }

    private static JsonNode find(JsonNode actions, String name) {
        for (JsonNode a : actions) {
            if (a.path("action").asText().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("no allowed action " + name + " in " + actions);
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.path("tickets").forEach(t -> ids.add(t.path("id").asLong()));
        return ids;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
