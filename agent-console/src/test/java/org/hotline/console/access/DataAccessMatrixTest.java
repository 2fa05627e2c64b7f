package org.hotline.console.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.console.testing.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.ConsoleAgent;
import org.hotline.console.testing.MiniIvr;
import org.hotline.console.testing.Stack;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data-access policy ({@link DataAccess}) as a matrix over HTTP: agent A, agent B, a supervisor and an
 * administrator read A's call (with its recording's file name), A's ticket, a ticket assigned to B, the customer,
 * and the lists. Then B serves A's customer on a call of its own and may read that customer's tickets while on the
 * call, and no longer afterwards.
 */
class DataAccessMatrixTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private Backend backend;
    private Stack stack;
    private Api api;

    @BeforeEach
    void start() {
        backend = new Backend();
        stack = new Stack(backend);
        stack.sim.onIncomingCall(new MiniIvr(stack));
        api = stack.api;
    }

    @AfterEach
    void stop() {
        stack.close();
        backend.close();
    }

    /** What one reader gets for one request: the status and, for 200, whether the looked-for item is in it. */
    private record Expect(String reader, String what, int status, Boolean contains) {
    }

    private String answeredAndRecordedCall(ConsoleAgent agent, String ani) {
        String callId = agent.takeCall(ani);
        Reply rec = api.post("/api/agent/recording", json("action", "start"), agent.token);
        assertThat(rec.status()).as(rec.body()).isEqualTo(200);
        endCall(agent, callId);
        await().atMost(WAIT).until(() -> backend.ticketing.calls().find(callId)
                .map(r -> r.outcome() != null && r.recordingFile() != null).orElse(false));
        return callId;
    }

    private void endCall(ConsoleAgent agent, String callId) {
        assertThat(api.post("/api/agent/hangup", "{}", agent.token).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> stack.stateOf(agent.username) == AgentState.WRAP_UP);
        assertThat(api.post("/api/agent/wrapup/finish", "{}", agent.token).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> backend.ticketing.calls().find(callId)
                .map(r -> r.outcome() != null).orElse(false));
    }

    private long ticket(String token, Long customerId, String callId) {
        Reply r = api.post("/api/tickets", json("type", "repair", "category", "屏幕", "serviceMode", "carry_in",
                "description", "屏幕碎裂", "customerId", customerId, "callId", callId, "productModel", "Mate 60",
                "productSerial", "SN-MATRIX"), token);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asLong();
    }

    private void assign(long ticketId, String assignee) throws Exception {
        try (Connection c = backend.testDb.connect();
             PreparedStatement st = c.prepareStatement("UPDATE tickets SET assignee = ? WHERE id = ?")) {
            st.setString(1, assignee);
            st.setLong(2, ticketId);
            st.executeUpdate();
        }
    }

    private static boolean listed(JsonNode list, String idField, String id) {
        for (JsonNode item : list) {
            if (item.path(idField).asText().equals(id)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void whoReadsWhichTicketsCustomersCallsAndRecordings() throws Exception {
        try (ConsoleAgent a = ConsoleAgent.open(stack); ConsoleAgent b = ConsoleAgent.open(stack)) {
            Customer customer = backend.newCustomer("钱多多", CustomerClass.VIP);
            Customer other = backend.newCustomer("赵小川", CustomerClass.ORDINARY);
            String callA = answeredAndRecordedCall(a, customer.phones().get(0));
            String file = backend.ticketing.calls().find(callA).orElseThrow().recordingFile();
            long ticketA = ticket(a.token, customer.id(), callA);
            long ticketForB = ticket(a.token, other.id(), null);
            assign(ticketForB, b.username);

            Map<String, String> tokens = new LinkedHashMap<>();
            tokens.put("agent A", a.token);
            tokens.put("agent B", b.token);
            tokens.put("supervisor", api.login(backend.newSupervisor()));
            tokens.put("admin", api.login(backend.newUser("admin", Set.of(Role.ADMIN), Set.of())));

            // request -> (reader -> expected status, or for lists whether the item is listed)
            List<Expect> matrix = new ArrayList<>();
            for (String reader : tokens.keySet()) {
                boolean staffSeesAll = reader.equals("supervisor") || reader.equals("admin");
                boolean isA = reader.equals("agent A");
                boolean isB = reader.equals("agent B");
                matrix.add(new Expect(reader, "GET call of A", staffSeesAll || isA ? 200 : 403, null));
                matrix.add(new Expect(reader, "call list has A's call", 200, staffSeesAll || isA));
                matrix.add(new Expect(reader, "GET ticket of A", staffSeesAll || isA ? 200 : 403, null));
                matrix.add(new Expect(reader, "GET ticket assigned to B", 200, null)); // A created it, B has it
                matrix.add(new Expect(reader, "ticket list of the customer has A's ticket", 200,
                        staffSeesAll || isA));
                matrix.add(new Expect(reader, "ticket list has the ticket assigned to B", 200,
                        staffSeesAll || isA || isB));
                matrix.add(new Expect(reader, "GET customer", 200, null));
                matrix.add(new Expect(reader, "customer search by phone", 200, true));
            }

            SoftAssertions soft = new SoftAssertions();
            for (Expect e : matrix) {
                String token = tokens.get(e.reader());
                String label = e.reader() + ": " + e.what();
                switch (e.what()) {
                    case "GET call of A" -> {
                        Reply r = api.get("/api/calls/" + callA, token);
                        soft.assertThat(r.status()).as(label).isEqualTo(e.status());
                        if (r.status() == 200) {
                            soft.assertThat(r.json().path("recordingFile").asText()).as(label + " (recording)")
                                    .isEqualTo(file);
                        } else {
                            soft.assertThat(r.body()).as(label + " leaks nothing").doesNotContain(file);
                        }
                    }
                    case "call list has A's call" -> {
                        Reply r = api.get("/api/calls?limit=500", token);
                        soft.assertThat(r.status()).as(label).isEqualTo(200);
                        soft.assertThat(listed(r.json().path("calls"), "callId", callA)).as(label)
                                .isEqualTo(e.contains());
                    }
                    case "GET ticket of A" -> soft.assertThat(api.get("/api/tickets/" + ticketA, token).status())
                            .as(label).isEqualTo(e.status());
                    case "GET ticket assigned to B" -> soft.assertThat(api.get("/api/tickets/" + ticketForB, token)
                            .status()).as(label).isEqualTo(e.status());
                    case "ticket list of the customer has A's ticket" -> {
                        Reply r = api.get("/api/tickets?customerId=" + customer.id(), token);
                        soft.assertThat(r.status()).as(label).isEqualTo(200);
                        soft.assertThat(listed(r.json().path("tickets"), "id", String.valueOf(ticketA))).as(label)
                                .isEqualTo(e.contains());
                    }
                    case "ticket list has the ticket assigned to B" -> {
                        Reply r = api.get("/api/tickets?limit=200", token);
                        soft.assertThat(r.status()).as(label).isEqualTo(200);
                        soft.assertThat(listed(r.json().path("tickets"), "id", String.valueOf(ticketForB)))
                                .as(label).isEqualTo(e.contains());
                    }
                    case "GET customer" -> {
                        Reply r = api.get("/api/customers/" + customer.id(), token);
                        soft.assertThat(r.status()).as(label).isEqualTo(200);
                        soft.assertThat(r.body()).as(label + ": the card's call list has no recording")
                                .doesNotContain(file);
                    }
                    case "customer search by phone" -> {
                        Reply r = api.get("/api/customers?phone=" + customer.phones().get(0), token);
                        soft.assertThat(r.status()).as(label).isEqualTo(200);
                        soft.assertThat(listed(r.json().path("customers"), "id", String.valueOf(customer.id())))
                                .as(label).isTrue();
                    }
                    default -> throw new AssertionError("no request for " + e.what());
                }
            }
            soft.assertAll();
        }
    }

    @Test
    void anAgentReadsTheTicketsOfTheCustomerItServesOnlyWhileServingThem() throws Exception {
        try (ConsoleAgent a = ConsoleAgent.open(stack); ConsoleAgent b = ConsoleAgent.open(stack)) {
            Customer customer = backend.newCustomer("刘洋", CustomerClass.ORDINARY);
            long ticketA = ticket(a.token, customer.id(), null);
            assertThat(api.get("/api/tickets/" + ticketA, b.token).status()).isEqualTo(403);

            String callB = b.takeCall(customer.phones().get(0));
            await().atMost(WAIT).until(() -> backend.ticketing.calls().find(callB)
                    .map(r -> customer.id() == r.customerId()).orElse(false));

            assertThat(api.get("/api/tickets/" + ticketA, b.token).status()).isEqualTo(200);
            Reply list = api.get("/api/tickets?customerId=" + customer.id(), b.token);
            assertThat(listed(list.json().path("tickets"), "id", String.valueOf(ticketA))).isTrue();

            endCall(b, callB);
            assertThat(api.get("/api/tickets/" + ticketA, b.token).status()).isEqualTo(403);
            Reply after = api.get("/api/tickets?customerId=" + customer.id(), b.token);
            assertThat(listed(after.json().path("tickets"), "id", String.valueOf(ticketA))).isFalse();
        }
    }
}
