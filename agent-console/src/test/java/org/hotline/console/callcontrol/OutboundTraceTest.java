package org.hotline.console.callcontrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.console.testing.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.ConsoleAgent;
import org.hotline.console.testing.Stack;
import org.hotline.interactions.calls.OutboundDial;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditOutcome;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackStatus;
import org.hotline.platform.callback.NewCallback;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every outbound call leaves a trace (issue 7, item 12): click-to-dial on the simulated switch gives an OUTBOUND call
 * record (agent, destination, times, outcome) and an audit line; the dial plan refuses a destination outside it with
 * a 403, audited, and dials nothing. Each test has its own database: the simulated switch numbers its calls from
 * sim-1 in every stack.
 */
class OutboundTraceTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private Backend backend;
    private Stack stack;
    private Api api;

    private void start(DialPolicy policy) {
        backend = new Backend();
        stack = new Stack(backend, policy);
        api = stack.api;
    }

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private CallRecord ended(String callId) {
        await().atMost(WAIT).until(() -> backend.ticketing.calls().find(callId)
                .map(r -> r.outcome() != null).orElse(false));
        return backend.ticketing.calls().find(callId).orElseThrow();
    }

    /** Dials 10086 (the agent's phone rings), then 10010, which the switch refuses (409): the phone is busy. */
    private void dialWhileThePhoneIsBusy(ConsoleAgent agent) {
        assertThat(api.post("/api/agent/dial", json("destination", "10086"), agent.token).status()).isEqualTo(200);
        Reply busy = api.post("/api/agent/dial", json("destination", "10010"), agent.token);
        assertThat(busy.status()).isEqualTo(409);
    }

    private List<AuditEntry> audit(String agent) {
        return backend.ticketing.audit().recent(OutboundDial.AUDIT_ACTION, agent, 10);
    }

    @Test
    void aClickToDialTheCustomerAnsweredHasAnOutboundRecordAndAnAuditLine() throws Exception {
        start(DialPolicy.ANY);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            Customer customer = backend.newCustomer("孙悦", CustomerClass.ORDINARY);
            String number = customer.phones().get(0);

            Reply dialled = api.post("/api/agent/dial", json("destination", number), agent.token);
            assertThat(dialled.status()).isEqualTo(200);
            String callId = dialled.json().path("callId").asText();
            stack.sim.answer(agent.device());
            await().atMost(WAIT).until(() -> backend.ticketing.calls().find(callId)
                    .map(r -> r.answeredAt() != null).orElse(false));
            stack.sim.hangup(callId);

            CallRecord r = ended(callId);
            assertThat(r.direction()).isEqualTo(CallDirection.OUTBOUND);
            assertThat(r.agent()).isEqualTo(agent.username);
            assertThat(r.destination()).isEqualTo(number);
            assertThat(r.customerId()).as("the customer whose number was dialled").isEqualTo(customer.id());
            assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
            assertThat(List.of(r.arrivedAt(), r.answeredAt(), r.endedAt())).doesNotContainNull().isSorted();
            assertThat(r.queue()).isNull();

            assertThat(audit(agent.username)).singleElement().satisfies(a -> {
                assertThat(a.outcome()).isEqualTo(AuditOutcome.SUCCESS);
                assertThat(a.target()).isEqualTo("call:" + callId);
                assertThat(a.detail()).isEqualTo(number);
                assertThat(a.address()).isEqualTo("127.0.0.1");
            });

            Reply calls = api.get("/api/calls", agent.token);
            assertThat(calls.json().path("calls").get(0).path("direction").asText()).isEqualTo("OUTBOUND");
            assertThat(calls.json().path("calls").get(0).path("destination").asText()).isEqualTo(number);
            JsonNode onCard = api.get("/api/customers/" + customer.id(), agent.token).json().path("recentCalls").get(0);
            assertThat(onCard.path("callId").asText()).isEqualTo(callId);
            assertThat(onCard.path("direction").asText()).isEqualTo("OUTBOUND");
            assertThat(onCard.path("destination").asText()).isEqualTo(number);
        }
    }

    @Test
    void aDialHungUpWhileTheAgentsPhoneStillRangIsNoAnswer() throws Exception {
        start(DialPolicy.ANY);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            Reply dialled = api.post("/api/agent/dial", json("destination", "10086"), agent.token);
            String callId = dialled.json().path("callId").asText();

            stack.sim.hangup(callId);

            CallRecord r = ended(callId);
            assertThat(r.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
            assertThat(r.answeredAt()).isNull();
            assertThat(r.agent()).isEqualTo(agent.username);
            assertThat(r.destination()).isEqualTo("10086");
        }
    }

    @Test
    void aDestinationOutsideTheDialPlanIs403AuditedAndNothingIsDialled() throws Exception {
        start(DialPolicy.of(List.of("1[3-9][0-9]{9}", "400[0-9]{7}")));
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            Reply refused = api.post("/api/agent/dial", json("destination", "00900123456"), agent.token);

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.field()).isEqualTo("destination");
            assertThat(refused.error()).isEqualTo("destination 00900123456 is not in the dial plan "
                    + "(hotline.outbound.allowed-destinations)");
            assertThat(stack.sim.calls()).as("nothing dialled").isEmpty();
            assertThat(audit(agent.username)).singleElement().satisfies(a -> {
                assertThat(a.outcome()).isEqualTo(AuditOutcome.DENIED);
                assertThat(a.target()).isNull();
                assertThat(a.detail()).isEqualTo("00900123456: not in the dial plan");
            });
            assertThat(backend.ticketing.calls().byAgent(agent.username, 10)).isEmpty();

            Reply allowed = api.post("/api/agent/dial", json("destination", "4008001234"), agent.token);
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(audit(agent.username)).first().extracting(AuditEntry::outcome).isEqualTo(AuditOutcome.SUCCESS);
        }
    }

    @Test
    void aDialTheSwitchOrTheAgentsStateRefusesIsAuditedToo() throws Exception {
        start(DialPolicy.ANY);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            dialWhileThePhoneIsBusy(agent);

            String loggedOut = backend.newAgent();
            Reply notLoggedIn = api.post("/api/agent/dial", json("destination", "10000"), api.login(loggedOut));
            assertThat(notLoggedIn.status()).isEqualTo(409);

            assertThat(audit(agent.username)).extracting(AuditEntry::outcome, AuditEntry::detail).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(AuditOutcome.FAILURE,
                            "10010: device " + agent.device() + " is busy"),
                    org.assertj.core.groups.Tuple.tuple(AuditOutcome.SUCCESS, "10086"));
            assertThat(audit(loggedOut)).extracting(AuditEntry::outcome, AuditEntry::detail).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(AuditOutcome.DENIED,
                            "10000: " + loggedOut + " cannot dial while LOGGED_OUT"));
        }
    }

    /**
     * The call is named and published before the switch dials (so every consumer knows its agent from its first
     * event); a dial the switch then refuses is an OUTBOUND record of an attempt that ended at once, FAILED, with the
     * switch's reason as its cause: supervisors see the attempt as the audit does.
     */
    @Test
    void aDialTheSwitchRefusesIsAnOutboundRecordThatFailedAtOnceWithTheSwitchsReason() throws Exception {
        start(DialPolicy.ANY);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            dialWhileThePhoneIsBusy(agent);

            await().atMost(WAIT).until(() -> backend.ticketing.calls().byAgent(agent.username, 10).stream()
                    .anyMatch(r -> "10010".equals(r.destination()) && r.outcome() != null));
            CallRecord r = backend.ticketing.calls().byAgent(agent.username, 10).stream()
                    .filter(c -> "10010".equals(c.destination())).findFirst().orElseThrow();
            assertThat(r.direction()).isEqualTo(CallDirection.OUTBOUND);
            assertThat(r.outcome()).isEqualTo(CallOutcome.FAILED);
            assertThat(r.hangupCause()).isEqualTo("originate refused: device " + agent.device() + " is busy");
            assertThat(r.answeredAt()).isNull();
            assertThat(r.endedAt()).isNotNull().isAfterOrEqualTo(r.arrivedAt());
            assertThat(stack.sim.call(r.callId())).as("the switch never had the call").isEmpty();
        }
    }

    @Test
    void aQueueCallbackDialLeavesTheSameTraceAndTheDialPlanAppliesToIt() throws Exception {
        start(DialPolicy.of(List.of("139[0-9]{8}")));
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            CallbackRequest allowed = backend.ticketing.callbacks().request(new NewCallback(null, Stack.QUEUE,
                    "13912345678", null, "回电客户"));
            CallbackRequest outside = backend.ticketing.callbacks().request(new NewCallback(null, Stack.QUEUE,
                    "13812345678", null, "另一位客户"));

            Reply refused = api.post("/api/callbacks/" + outside.id() + "/claim", "{}", agent.token);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.field()).isEqualTo("destination");
            assertThat(backend.ticketing.callbacks().find(outside.id()).orElseThrow().status())
                    .as("given back").isEqualTo(CallbackStatus.PENDING);
            assertThat(stack.sim.calls()).isEmpty();

            Reply claimed = api.post("/api/callbacks/" + allowed.id() + "/claim", "{}", agent.token);
            assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
            String callId = claimed.json().path("callId").asText();
            stack.sim.hangup(callId);

            CallRecord r = ended(callId);
            assertThat(r.direction()).isEqualTo(CallDirection.OUTBOUND);
            assertThat(r.destination()).isEqualTo("13912345678");
            assertThat(r.agent()).isEqualTo(agent.username);
            assertThat(audit(agent.username)).extracting(AuditEntry::outcome, AuditEntry::target).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(AuditOutcome.SUCCESS, "call:" + callId),
                    org.assertj.core.groups.Tuple.tuple(AuditOutcome.DENIED, null));
        }
    }
}
