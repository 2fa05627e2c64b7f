package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.customer.Product;
import org.hotline.platform.live.LiveCall;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One hotline call through the whole platform, on the real MariaDB, over the real HTTP and WebSocket interfaces:
 * IVR → queue → agent reservation → screen-pop → answer → ticket → hang-up → wrap-up → call record and live stats.
 */
class CallJourneyTest {
    private static final String PASSWORD = "s3cret-pass";
    private static final String CALLER = "13800138000";

    private Fixture f;
    private Customer customer;
    private Product product;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private void start(String ringTimeout, String... agents) {
        Map<String, Object> overrides = new HashMap<>(Fixture.queues(ringTimeout, "10m"));
        f = Fixture.start(t -> {
            customer = t.customers().create("李雷", CustomerClass.ORDINARY, List.of(CALLER));
            product = t.customers().addProduct(customer.id(), "华为 Mate 60", "IMEI860000000000001",
                    LocalDate.now().minusMonths(6), LocalDate.now().plusMonths(18));
            for (String a : agents) {
                t.users().create(a, "坐席 " + a, PASSWORD.toCharArray(), Set.of(Role.AGENT),
                        Set.of("consultation", "repair", "complaint", "operator"));
            }
            t.users().create("boss", "主管", PASSWORD.toCharArray(), Set.of(Role.SUPERVISOR), Set.of());
        }, overrides);
    }

    private String placeCall(String ani, String key, Duration patience) {
        return f.platform.simulatedSwitch().placeCall(
                new SimulatedCaller(ani, "4000", List.of(key), patience, Duration.ZERO, Map.of()));
    }

    private CallRecord awaitRecord(String callId, CallOutcome outcome) {
        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.ticketing().calls().find(callId)
                .map(r -> r.outcome() == outcome).orElse(false));
        return f.platform.ticketing().calls().find(callId).orElseThrow();
    }

    private JsonNode queueStats(String supervisorToken, String queue) {
        Fixture.Response r = f.get("/api/stats/live", supervisorToken);
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode q : r.body().get("queues")) {
            if (queue.equals(q.get("name").asText())) {
                return q;
            }
        }
        throw new AssertionError("queue " + queue + " missing from " + r.body());
    }

    private AgentState agentState(String agent) {
        return f.platform.acd().agent(agent).orElseThrow().state();
    }

    @Test
    void repairCallFromKnownCustomerIsPoppedAnsweredTicketedAndRecorded() {
        start("20s", "agent1");
        String token = f.login("agent1", PASSWORD);
        Fixture.ConsoleSocket ws = f.socket(token);
        ws.awaitMessage("hello", m -> true);

        assertThat(f.post("/api/agent/state", token, Map.of("state", "READY")).status()).isEqualTo(200);
        ws.awaitState("READY");

        String callId = placeCall(CALLER, "2", Duration.ofMinutes(5));

        JsonNode offered = ws.awaitMessage("call.offered", m -> callId.equals(m.path("callId").asText()));
        JsonNode pop = offered.get("pop");
        assertThat(pop.toString()).contains("李雷").contains("华为 Mate 60").contains("IMEI860000000000001");
        assertThat(pop.toString()).contains("repair");
        assertThat(agentState("agent1")).isEqualTo(AgentState.RESERVED);

        assertThat(f.post("/api/agent/answer", token, Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> agentState("agent1") == AgentState.ON_CALL);

        Map<String, Object> ticket = new HashMap<>();
        ticket.put("type", "REPAIR");
        ticket.put("category", "屏幕故障");
        ticket.put("customerId", customer.id());
        ticket.put("productId", product.id());
        ticket.put("callId", callId);
        ticket.put("serviceMode", "CARRY_IN");
        ticket.put("description", "屏幕不亮，已在保修期内");
        Fixture.Response created = f.post("/api/tickets", token, ticket);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        long ticketId = created.body().get("id").asLong();

        assertThat(f.post("/api/agent/hangup", token, Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> agentState("agent1") == AgentState.WRAP_UP);
        assertThat(f.post("/api/agent/wrapup/finish", token, Map.of()).status()).isEqualTo(200);
        assertThat(agentState("agent1")).isEqualTo(AgentState.READY);

        CallRecord rec = awaitRecord(callId, CallOutcome.ANSWERED);
        assertThat(rec.ani()).isEqualTo(CALLER);
        assertThat(rec.queue()).isEqualTo("repair");
        assertThat(rec.agent()).isEqualTo("agent1");
        assertThat(rec.customerId()).isEqualTo(customer.id());
        assertThat(rec.digits()).isEqualTo("2");
        assertThat(rec.ivrPath()).contains("2");
        assertThat(List.of(rec.arrivedAt(), rec.ivrEndedAt(), rec.queuedAt(), rec.offeredAt(), rec.answeredAt(),
                rec.endedAt())).doesNotContainNull().isSorted();
        assertThat(rec.waitMs()).isEqualTo(Duration.between(rec.queuedAt(), rec.answeredAt()).toMillis());
        assertThat(rec.talkMs()).isEqualTo(Duration.between(rec.answeredAt(), rec.endedAt()).toMillis());

        Ticket stored = f.platform.ticketing().tickets().find(ticketId).orElseThrow();
        assertThat(stored.type()).isEqualTo(TicketType.REPAIR);
        assertThat(stored.callId()).isEqualTo(callId);
        assertThat(stored.customerId()).isEqualTo(customer.id());
        assertThat(stored.productId()).isEqualTo(product.id());
        assertThat(stored.createdBy()).isEqualTo("agent1");
        assertThat(f.platform.ticketing().tickets().history(ticketId)).isNotEmpty();

        String boss = f.login("boss", PASSWORD);
        JsonNode repair = queueStats(boss, "repair");
        assertThat(repair.get("offered").asLong()).isEqualTo(1);
        assertThat(repair.get("answered").asLong()).isEqualTo(1);
        assertThat(repair.get("abandoned").asLong()).isZero();
        Fixture.Response calls = f.get("/api/calls?limit=10", boss);
        assertThat(calls.status()).isEqualTo(200);
        assertThat(calls.body().toString()).contains(callId).contains("ANSWERED");
    }

    @Test
    void aRecordedCallKeepsItsRecordingAndASupervisorCanListenIn() {
        start("20s", "agent1");
        String token = f.login("agent1", PASSWORD);
        Fixture.ConsoleSocket ws = f.socket(token);
        assertThat(f.post("/api/agent/state", token, Map.of("state", "READY")).status()).isEqualTo(200);
        String callId = placeCall(CALLER, "1", Duration.ofMinutes(5));
        ws.awaitMessage("call.offered", m -> callId.equals(m.path("callId").asText()));
        assertThat(f.post("/api/agent/answer", token, Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> agentState("agent1") == AgentState.ON_CALL);

        Fixture.Response rec = f.post("/api/agent/recording", token, Map.of("action", "start"));
        assertThat(rec.status()).as(rec.body().toString()).isEqualTo(200);
        String file = rec.body().get("file").asText();
        ws.awaitMessage("call.recording", m -> m.path("recording").asBoolean());

        String boss = f.login("boss", PASSWORD);
        Fixture.Response spy = f.post("/api/supervisor/spy", boss, Map.of("agent", "agent1", "mode", "LISTEN"));
        assertThat(spy.status()).as(spy.body().toString()).isEqualTo(200);
        assertThat(f.post("/api/supervisor/spy", token, Map.of("agent", "agent1", "mode", "LISTEN")).status())
                .isEqualTo(403);

        assertThat(f.post("/api/agent/hangup", token, Map.of()).status()).isEqualTo(200);
        CallRecord record = awaitRecord(callId, CallOutcome.ANSWERED);
        assertThat(record.recordingFile()).isEqualTo(file);
    }

    @Test
    void callerWhosePatienceRunsOutIsRecordedAsAbandonedWithItsWait() {
        start("20s", "agent1");
        String token = f.login("agent1", PASSWORD);
        // agent1 is logged in but NOT_READY: nobody can take the call
        assertThat(f.post("/api/agent/login", token, Map.of()).status()).isEqualTo(200);

        String callId = placeCall(CALLER, "1", Duration.ofMillis(800));

        CallRecord rec = awaitRecord(callId, CallOutcome.ABANDONED);
        assertThat(rec.queue()).isEqualTo("consultation");
        assertThat(rec.answeredAt()).isNull();
        assertThat(rec.waitMs()).isEqualTo(Duration.between(rec.queuedAt(), rec.endedAt()).toMillis())
                .isGreaterThanOrEqualTo(700);
        assertThat(rec.talkMs()).isNull();
        assertThat(f.platform.acd().agents()).noneMatch(a -> a.state() == AgentState.RESERVED);
        String boss = f.login("boss", PASSWORD);
        await().atMost(Duration.ofSeconds(10)).until(() -> queueStats(boss, "consultation").get("abandoned").asLong() == 1);
        assertThat(queueStats(boss, "consultation").get("waiting").asInt()).isZero();
    }

    @Test
    void callerHangingUpWhileAnAgentRingsLeavesNoAgentReserved() {
        start("60s", "agent1");
        String token = f.login("agent1", PASSWORD);
        Fixture.ConsoleSocket ws = f.socket(token);
        assertThat(f.post("/api/agent/state", token, Map.of("state", "READY")).status()).isEqualTo(200);

        String callId = placeCall(CALLER, "3", Duration.ofMillis(800));
        ws.awaitMessage("call.offered", m -> callId.equals(m.path("callId").asText()));
        // nobody answers; the caller gives up while the console rings
        CallRecord rec = awaitRecord(callId, CallOutcome.ABANDONED);
        assertThat(rec.offeredAt()).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> agentState("agent1") == AgentState.READY);
        ws.awaitMessage("call.ended", m -> callId.equals(m.path("callId").asText()));
    }

    @Test
    void ringNoAnswerMovesTheCallToTheNextAgentAndTheFirstBecomesNotReady() {
        start("1s", "agent1", "agent2");
        String t1 = f.login("agent1", PASSWORD);
        String t2 = f.login("agent2", PASSWORD);
        Fixture.ConsoleSocket ws1 = f.socket(t1);
        Fixture.ConsoleSocket ws2 = f.socket(t2);
        assertThat(f.post("/api/agent/state", t1, Map.of("state", "READY")).status()).isEqualTo(200);
        ws1.awaitState("READY");
        // agent1 has been idle longest, so it is offered the call first
        assertThat(f.post("/api/agent/state", t2, Map.of("state", "READY")).status()).isEqualTo(200);
        ws2.awaitState("READY");

        String callId = placeCall(CALLER, "0", Duration.ofMinutes(5));
        ws1.awaitMessage("call.offered", m -> callId.equals(m.path("callId").asText()));
        JsonNode second = ws2.awaitMessage("call.offered", m -> callId.equals(m.path("callId").asText()));
        assertThat(second.get("pop").toString()).contains("李雷");

        // (the socket also saw NOT_READY "login" when it connected)
        ws1.awaitMessage("agent.state",
                m -> "NOT_READY".equals(m.path("state").asText()) && "ring-no-answer".equals(m.path("reason").asText()));
        assertThat(agentState("agent1")).isEqualTo(AgentState.NOT_READY);

        assertThat(f.post("/api/agent/answer", t2, Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> agentState("agent2") == AgentState.ON_CALL);
        // the node's one live-call model: the call is agent2's now, no longer agent1's
        assertThat(f.platform.liveCalls().ofAgent("agent2")).extracting(LiveCall::callId).containsExactly(callId);
        assertThat(f.platform.liveCalls().ofAgent("agent1")).isEmpty();
        assertThat(f.post("/api/agent/hangup", t2, Map.of()).status()).isEqualTo(200);
        CallRecord rec = awaitRecord(callId, CallOutcome.ANSWERED);
        assertThat(rec.agent()).isEqualTo("agent2");
        assertThat(rec.queue()).isEqualTo("operator");
        assertThat(f.platform.liveCalls().find(callId)).get()
                .extracting(LiveCall::phase, LiveCall::agent, LiveCall::queue)
                .containsExactly(LiveCall.Phase.ENDED, "agent2", "operator");
    }
}
