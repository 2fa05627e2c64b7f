package org.hotline.console.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.console.testing.Api.json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.ConsoleAgent;
import org.hotline.console.testing.MiniIvr;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.Stack;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.CallChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may link a new ticket to which call ({@link TicketLinks}), over HTTP with real calls through the simulated
 * switch, the ACD and the call recorder on MariaDB: the agent who answered the call, the agent on the call now
 * (even before its record is written), a supervisor; not another agent, not an agent who was only rung. The
 * ticket's customer must be the call's.
 */
class TicketLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Lets a test hold an arriving call back before the IVR publishes its arrival (see the pending-record test). */
    private volatile CountDownLatch gate;
    private Backend backend;
    private Stack stack;
    private Api api;

    /**
     * A database per test: the simulated switch numbers its calls from sim-1 again in every stack, so calls of two
     * tests on one database would share records.
     */
    @BeforeEach
    void start() {
        backend = new Backend();
        stack = new Stack(backend);
        api = stack.api;
        prepare(stack);
    }

    @AfterEach
    void stop() {
        stack.close();
        backend.close();
    }

    private void prepare(Stack started) {
        gate = null;
        MiniIvr ivr = new MiniIvr(started);
        started.sim.onIncomingCall((CallChannel channel) -> {
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ivr.handle(channel);
        });
    }

    private static String ticketFor(String callId, Long customerId) {
        return customerId == null
                ? json("type", "consultation", "category", "咨询", "serviceMode", "phone", "description", "客户来电咨询",
                        "callId", callId)
                : json("type", "consultation", "category", "咨询", "serviceMode", "phone", "description", "客户来电咨询",
                        "callId", callId, "customerId", customerId);
    }

    /** The agent takes a call from {@code ani}, hangs up and finishes wrap-up; waits until the record is complete. */
    private String finishedCall(ConsoleAgent agent, String ani) {
        String callId = agent.takeCall(ani);
        assertThat(api.post("/api/agent/hangup", "{}", agent.token).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> stack.stateOf(agent.username) == AgentState.WRAP_UP);
        assertThat(api.post("/api/agent/wrapup/finish", "{}", agent.token).status()).isEqualTo(200);
        awaitEnded(callId);
        return callId;
    }

    private CallRecord awaitEnded(String callId) {
        await().atMost(WAIT).until(() -> backend.ticketing.calls().find(callId)
                .map(r -> r.outcome() != null).orElse(false));
        return backend.ticketing.calls().find(callId).orElseThrow();
    }

    @Test
    void theAgentWhoAnsweredTheCallLinksItAndAnotherAgentIs403NamingCallId() throws Exception {
        try (ConsoleAgent a = ConsoleAgent.open(stack); ConsoleAgent b = ConsoleAgent.open(stack)) {
            Customer caller = backend.newCustomer("周杰", CustomerClass.ORDINARY);
            String callId = finishedCall(a, caller.phones().get(0));

            Reply own = api.post("/api/tickets", ticketFor(callId, caller.id()), a.token);
            Reply others = api.post("/api/tickets", ticketFor(callId, caller.id()), b.token);

            assertThat(own.status()).isEqualTo(201);
            assertThat(own.json().path("callId").asText()).isEqualTo(callId);
            assertThat(others.status()).isEqualTo(403);
            assertThat(others.field()).isEqualTo("callId");
            assertThat(others.error()).isEqualTo("call " + callId + " was not handled by you; only the agent who "
                    + "handled it or a supervisor may link a ticket to it");
            assertThat(backend.ticketing.tickets().search(new org.hotline.platform.ticket.TicketQuery(null,
                    b.username, java.util.Set.of(), 10))).as("nothing written for B").isEmpty();
        }
    }

    @Test
    void aSupervisorLinksAnyCallButNotToAnotherCustomer() throws Exception {
        try (ConsoleAgent a = ConsoleAgent.open(stack)) {
            Customer caller = backend.newCustomer("吴敏", CustomerClass.VIP);
            Customer unrelated = backend.newCustomer("郑强", CustomerClass.ORDINARY);
            String callId = finishedCall(a, caller.phones().get(0));
            String supervisor = api.login(backend.newSupervisor());

            Reply linked = api.post("/api/tickets", ticketFor(callId, null), supervisor);
            Reply mismatch = api.post("/api/tickets", ticketFor(callId, unrelated.id()), supervisor);

            assertThat(linked.status()).isEqualTo(201);
            assertThat(linked.json().path("customerId").asLong()).as("the call's customer").isEqualTo(caller.id());
            assertThat(mismatch.status()).isEqualTo(400);
            assertThat(mismatch.field()).isEqualTo("customerId");
            assertThat(mismatch.error()).isEqualTo("call " + callId + " is with customer " + caller.id()
                    + ", not customer " + unrelated.id());
        }
    }

    @Test
    void anAgentLinkingItsOwnCallToAnUnrelatedCustomerIs400NamingCustomerId() throws Exception {
        try (ConsoleAgent a = ConsoleAgent.open(stack)) {
            Customer caller = backend.newCustomer("冯丽", CustomerClass.ORDINARY);
            Customer unrelated = backend.newCustomer("陈刚", CustomerClass.ORDINARY);
            String callId = finishedCall(a, caller.phones().get(0));
            long before = backend.ticketing.tickets().search(new org.hotline.platform.ticket.TicketQuery(null,
                    a.username, java.util.Set.of(), 100)).size();

            Reply r = api.post("/api/tickets", ticketFor(callId, unrelated.id()), a.token);

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.field()).isEqualTo("customerId");
            assertThat(backend.ticketing.tickets().search(new org.hotline.platform.ticket.TicketQuery(null,
                    a.username, java.util.Set.of(), 100))).hasSize((int) before);
        }
    }

    @Test
    void anAgentWhoWasOnlyRungAndDidNotAnswerMayNotLinkTheCall() throws Exception {
        try (ConsoleAgent a = ConsoleAgent.open(stack)) {
            assertThat(api.post("/api/agent/state", json("state", "READY"), a.token).status()).isEqualTo(200);
            String callId = stack.sim.placeCall(SimulatedCaller.pressing("13655550001"));
            await().atMost(WAIT).until(() -> stack.stateOf(a.username) == AgentState.RESERVED);
            stack.sim.hangup(callId);                      // the caller gives up while A's phone rings
            CallRecord record = awaitEnded(callId);
            assertThat(record.agent()).as("the record names the agent it was offered to").isEqualTo(a.username);
            assertThat(record.answeredAt()).isNull();

            Reply r = api.post("/api/tickets", ticketFor(callId, null), a.token);

            assertThat(r.status()).isEqualTo(403);
            assertThat(r.field()).isEqualTo("callId");
            assertThat(r.error()).isEqualTo("call " + callId + " was offered to " + a.username + " but not answered; "
                    + "only the agent who handled it or a supervisor may link a ticket to it");
        }
    }

    @Test
    void anUnknownCallIs400NamingCallId() throws Exception {
        try (ConsoleAgent a = ConsoleAgent.open(stack)) {
            Reply r = api.post("/api/tickets", ticketFor("sim-no-such-call", null), a.token);

            assertThat(r.status()).isEqualTo(400);
            assertThat(r.field()).isEqualTo("callId");
            assertThat(r.error()).isEqualTo("call sim-no-such-call does not exist");
        }
    }

    /**
     * The recorder writes asynchronously: here its INSERT of the call's row waits behind a row lock another
     * connection holds, so the call is live in the ACD and pending in the recorder but has no record yet. The agent
     * on the call links it; another agent is refused; the record is written once the lock goes.
     */
    @Test
    void theAgentOnALiveCallWhoseRecordIsNotWrittenYetLinksItAndOthersAreRefused() throws Exception {
        try (ConsoleAgent a = ConsoleAgent.open(stack); ConsoleAgent b = ConsoleAgent.open(stack);
             Connection lock = backend.testDb.connect()) {
            assertThat(api.post("/api/agent/state", json("state", "READY"), a.token).status()).isEqualTo(200);
            gate = new CountDownLatch(1);
            String callId = stack.sim.placeCall(SimulatedCaller.pressing("13655550002"));
            lock.setAutoCommit(false);
            try (PreparedStatement st = lock.prepareStatement("INSERT INTO call_records (call_id) VALUES (?)")) {
                st.setString(1, callId);
                st.executeUpdate();
            }
            gate.countDown();
            await().atMost(WAIT).until(() -> stack.stateOf(a.username) == AgentState.RESERVED);
            assertThat(api.post("/api/agent/answer", "{}", a.token).status()).isEqualTo(200);
            await().atMost(Socket.WAIT).until(() -> stack.stateOf(a.username) == AgentState.ON_CALL);
            assertThat(backend.ticketing.calls().find(callId)).as("not written yet").isEqualTo(Optional.empty());
            assertThat(backend.ticketing.calls().isPending(callId)).isTrue();

            Reply own = api.post("/api/tickets", ticketFor(callId, null), a.token);
            Reply others = api.post("/api/tickets", ticketFor(callId, null), b.token);

            lock.rollback();
            assertThat(own.status()).as(own.body()).isEqualTo(201);
            assertThat(own.json().path("callId").asText()).isEqualTo(callId);
            assertThat(others.status()).isEqualTo(403);
            assertThat(others.field()).isEqualTo("callId");
            await().atMost(Duration.ofSeconds(30)).until(() -> backend.ticketing.calls().find(callId)
                    .map(r -> a.username.equals(r.agent()) && r.answeredAt() != null).orElse(false));
        }
    }
}
