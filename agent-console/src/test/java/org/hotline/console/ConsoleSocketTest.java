package org.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hotline.console.testing.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocketHandshakeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.MiniIvr;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.Stack;
import org.hotline.console.testing.StackTestBase;
import org.hotline.console.ws.ClientSocket;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.routing.CallContext;
import org.junit.jupiter.api.Test;

/** The WebSocket push: greeting, agent state, screen-pop, call progress, wallboard figures. */
class ConsoleSocketTest extends StackTestBase {

    private static boolean is(JsonNode m, String type) {
        return type.equals(m.path("type").asText());
    }

    private static boolean isState(JsonNode m, String state) {
        return is(m, "agent.state") && state.equals(m.path("state").asText());
    }

    /** An agent with its softphone online, logged in to the console. */
    private String readyableAgent() {
        String agent = backend.newAgent();
        stack.plugInPhone(agent);
        return agent;
    }

    private CallContext callFrom(String callId, Customer customer, String ani) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new CallContext(callId, ani, "4000", customer == null ? null : customer.id(),
                customer == null ? null : customer.name(), customer == null ? null : customer.customerClass(),
                "main>1>3", "13", Stack.QUEUE, 5, now.minusSeconds(20), now.minusSeconds(12));
    }

    @Test
    void aSocketWithoutLoginIsRefusedWith401() {
        assertThatThrownBy(() -> Socket.openAnonymous(api))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
    }

    @Test
    void anAgentIsGreetedAndLoggedInToTheAcd() throws Exception {
        String agent = readyableAgent();
        try (Socket socket = Socket.open(api, api.login(agent))) {
            JsonNode hello = socket.awaitType("hello");

            assertThat(hello.path("user").path("username").asText()).isEqualTo(agent);
            assertThat(hello.path("agent").path("state").asText()).isEqualTo("NOT_READY");
            assertThat(hello.path("agent").path("device").asText()).isEqualTo("console/" + agent);
            assertThat(stack.stateOf(agent)).isEqualTo(AgentState.NOT_READY);
        }
    }

    @Test
    void anAgentSeesItsOwnStateChangesOnly() throws Exception {
        String agent = readyableAgent();
        String other = readyableAgent();
        String token = api.login(agent);
        try (Socket mine = Socket.open(api, token); Socket theirs = Socket.open(api, api.login(other))) {
            mine.awaitType("hello");
            theirs.awaitType("hello");

            assertThat(api.post("/api/agent/state", json("state", "READY"), token).status()).isEqualTo(200);

            JsonNode ready = mine.await(m -> isState(m, "READY"));
            assertThat(ready.path("since").asText()).matches(".*T.*\\.\\d{3}Z");
            api.post("/api/agent/state", json("state", "NOT_READY", "reason", "meeting"), token);
            JsonNode meeting = mine.await(m -> isState(m, "NOT_READY") && "meeting".equals(m.path("reason").asText()));
            assertThat(meeting.path("callId").isNull()).isTrue();
            assertThat(theirs.messages()).noneMatch(m -> isState(m, "READY"));
        }
    }

    @Test
    void anEnqueuedCallPopsTheCustomerOnTheReservedAgentsConsole() throws Exception {
        String agent = readyableAgent();
        String token = api.login(agent);
        Customer customer = backend.newCustomer("张三", CustomerClass.VIP);
        try (Socket socket = Socket.open(api, token)) {
            socket.awaitType("hello");
            api.post("/api/agent/state", json("state", "READY"), token);
            socket.await(m -> isState(m, "READY"));

            stack.acd.enqueue(callFrom("pop-1", customer, customer.phones().get(0)));

            JsonNode offered = socket.awaitType("call.offered");
            JsonNode pop = offered.path("pop");
            assertThat(offered.path("callId").asText()).isEqualTo("pop-1");
            assertThat(offered.path("offeredAt").isNumber()).isTrue();
            assertThat(pop.path("customer").path("name").asText()).isEqualTo("张三");
            assertThat(pop.path("customer").path("customerClass").asText()).isEqualTo("VIP");
            assertThat(pop.path("knownCaller").asBoolean()).isTrue();
            assertThat(pop.path("callerNumber").asText()).isEqualTo(customer.phones().get(0));
            assertThat(pop.path("products").size()).isEqualTo(2);
            for (JsonNode p : pop.path("products")) {
                assertThat(p.path("underWarranty").asBoolean()).isEqualTo(p.path("serial").asText().startsWith("SN-IN"));
                assertThat(p.path("model").asText()).isNotBlank();
                assertThat(p.path("purchaseDate").asText()).matches("\\d{4}-\\d\\d-\\d\\d");
            }
            assertThat(pop.path("openTickets").isArray()).isTrue();
            assertThat(pop.path("recentCalls").isArray()).isTrue();
            assertThat(pop.path("ivrPath").asText()).isEqualTo("main>1>3");
            assertThat(pop.path("digits").asText()).isEqualTo("13");
            assertThat(pop.path("queue").asText()).isEqualTo(Stack.QUEUE);
            assertThat(pop.path("waitSeconds").asLong()).isGreaterThanOrEqualTo(12);
            assertThat(pop.path("complete").asBoolean()).isTrue();
            socket.await(m -> isState(m, "RESERVED") && "pop-1".equals(m.path("callId").asText()));
        }
    }

    @Test
    void aReloadedPageGetsTheRingingCallsPopInItsGreeting() throws Exception {
        String agent = readyableAgent();
        String token = api.login(agent);
        Customer customer = backend.newCustomer("赵六", CustomerClass.ORDINARY);
        try (Socket first = Socket.open(api, token)) {
            first.awaitType("hello");
            api.post("/api/agent/state", json("state", "READY"), token);
            stack.acd.enqueue(callFrom("pop-2", customer, customer.phones().get(0)));
            first.awaitType("call.offered");
        }
        try (Socket reloaded = Socket.open(api, token)) {
            JsonNode hello = reloaded.awaitType("hello");

            assertThat(hello.path("agent").path("state").asText()).isEqualTo("RESERVED");
            assertThat(hello.path("offer").path("callId").asText()).isEqualTo("pop-2");
            assertThat(hello.path("offer").path("pop").path("customer").path("name").asText()).isEqualTo("赵六");
        }
    }

    @Test
    void anUnknownCallerPopsAsUnknown() throws Exception {
        String agent = readyableAgent();
        String token = api.login(agent);
        try (Socket socket = Socket.open(api, token)) {
            socket.awaitType("hello");
            api.post("/api/agent/state", json("state", "READY"), token);

            stack.acd.enqueue(callFrom("pop-3", null, "02100000000"));

            JsonNode pop = socket.awaitType("call.offered").path("pop");
            assertThat(pop.path("customer").isNull()).isTrue();
            assertThat(pop.path("knownCaller").asBoolean()).isFalse();
            assertThat(pop.path("callerNumber").asText()).isEqualTo("02100000000");
            assertThat(pop.path("products").size()).isZero();
        }
    }

    @Test
    void aCallRunsFromPopToAnswerToHangupToWrapUpAndItsTicket() throws Exception {
        stack.sim.onIncomingCall(new MiniIvr(stack));
        String agent = readyableAgent();
        String token = api.login(agent);
        Customer customer = backend.newCustomer("钱七", CustomerClass.ORDINARY);
        try (Socket socket = Socket.open(api, token)) {
            socket.awaitType("hello");
            api.post("/api/agent/state", json("state", "READY"), token);

            String callId = stack.sim.placeCall(SimulatedCaller.pressing(customer.phones().get(0)));

            JsonNode offered = socket.awaitType("call.offered");
            assertThat(offered.path("callId").asText()).isEqualTo(callId);
            assertThat(offered.path("pop").path("customer").path("name").asText()).isEqualTo("钱七");
            await().atMost(Socket.WAIT).until(() -> stack.stateOf(agent) == AgentState.RESERVED);

            assertThat(api.post("/api/agent/answer", "{}", token).status()).isEqualTo(200);
            socket.awaitType("call.answered");
            socket.await(m -> isState(m, "ON_CALL"));

            assertThat(api.post("/api/agent/hangup", "{}", token).status()).isEqualTo(200);
            JsonNode ended = socket.awaitType("call.ended");
            assertThat(ended.path("callId").asText()).isEqualTo(callId);
            assertThat(ended.path("party").asText()).isEqualTo("AGENT");
            socket.await(m -> isState(m, "WRAP_UP"));

            Api.Reply ticket = api.post("/api/tickets", json("type", "CONSULTATION", "category", "使用咨询",
                    "customerId", customer.id(), "callId", callId, "serviceMode", "PHONE",
                    "description", "客户询问保修政策"), token);
            assertThat(ticket.status()).isEqualTo(201);
            assertThat(ticket.json().path("callId").asText()).isEqualTo(callId);

            assertThat(api.post("/api/agent/wrapup/finish", "{}", token).status()).isEqualTo(200);
            socket.await(m -> isState(m, "READY") && m.path("since").asText().compareTo(
                    ended.path("at").asText()) >= 0);
        }
    }

    @Test
    void aSupervisorReceivesTheLiveFiguresEverySecond() throws Exception {
        String agent = readyableAgent();
        api.post("/api/agent/login", "{}", api.login(agent));
        try (Socket socket = Socket.open(api, api.login(backend.newSupervisor()))) {
            JsonNode hello = socket.awaitType("hello");
            assertThat(hello.path("agent").isNull()).isTrue();

            await().atMost(Socket.WAIT).until(() -> socket.messages().stream().filter(m -> is(m, "stats")).count() >= 2);

            JsonNode stats = socket.awaitType("stats");
            JsonNode queue = stats.path("queues").get(0);
            assertThat(queue.path("name").asText()).isEqualTo(Stack.QUEUE);
            for (String field : new String[] {"waiting", "longestWaitSeconds", "offered", "answered", "abandoned",
                    "serviceLevel"}) {
                assertThat(queue.has(field)).as(field).isTrue();
            }
            assertThat(stats.path("agents").findValuesAsText("username")).contains(agent);
            JsonNode row = stats.path("agents").findParents("username").stream()
                    .filter(a -> agent.equals(a.path("username").asText())).findFirst().orElseThrow();
            assertThat(row.path("state").asText()).isEqualTo("NOT_READY");
            assertThat(row.path("stateSince").asText()).matches(".*T.*\\.\\d{3}Z");
        }
    }

    @Test
    void anAgentGetsNoFigures() throws Exception {
        try (Socket agentSocket = Socket.open(api, api.login(readyableAgent()));
             Socket supSocket = Socket.open(api, api.login(backend.newSupervisor()))) {
            agentSocket.awaitType("hello");
            await().atMost(Socket.WAIT).until(() -> supSocket.messages().stream().filter(m -> is(m, "stats")).count() >= 2);

            assertThat(agentSocket.messages()).noneMatch(m -> is(m, "stats"));
        }
    }

    @Test
    void badClientMessagesGetAnErrorAndTheSocketStaysOpen() throws Exception {
        try (Socket socket = Socket.open(api, api.login(readyableAgent()))) {
            socket.awaitType("hello");

            socket.send("this is not json");
            socket.send("{\"type\":\"launch-rockets\"}");
            socket.await(m -> is(m, "error") && m.path("error").asText().contains("unknown"));
            socket.send("{\"type\":\"ping\"}");

            socket.awaitType("pong");
            assertThat(socket.messages().stream().filter(m -> is(m, "error")).count()).isEqualTo(2);
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void loggingOutClosesTheSessionsSockets() throws Exception {
        String token = api.login(readyableAgent());
        try (Socket socket = Socket.open(api, token)) {
            socket.awaitType("hello");

            api.post("/api/logout", "{}", token);

            assertThat(socket.awaitClosed()).isEqualTo(ClientSocket.SESSION_ENDED);
        }
    }
}
