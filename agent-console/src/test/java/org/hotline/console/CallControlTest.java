package org.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.console.testing.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.ConsoleAgent;
import org.hotline.console.testing.MiniIvr;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.Stack;
import org.hotline.console.testing.StackTestBase;
import org.hotline.cti.sim.CallPhase;
import org.hotline.cti.sim.SimulatedCallState;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.routing.AgentState;
import org.junit.jupiter.api.Test;

/**
 * The agent's in-call controls (hold, transfer, recording) and click-to-dial, against the real ACD, the simulated
 * switch and the call records in MariaDB.
 */
class CallControlTest extends StackTestBase {
    @Override
    protected void prepare(Stack started) {
        started.sim.onIncomingCall(new MiniIvr(started));
    }

    private static boolean is(JsonNode m, String type) {
        return type.equals(m.path("type").asText());
    }

    private SimulatedCallState switchCall(String callId) {
        return stack.sim.call(callId).orElseThrow();
    }

    private static List<String> typesOf(Socket socket, String... types) {
        List<String> wanted = List.of(types);
        return socket.messages().stream().map(m -> m.path("type").asText()).filter(wanted::contains).toList();
    }

    // ---- hold ----

    @Test
    void holdAndResumeAreToldToTheAgentsConsole() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            String callId = agent.takeCall("13700000001");

            Reply held = api.post("/api/agent/hold", json("onHold", true), agent.token);

            assertThat(held.status()).isEqualTo(200);
            assertThat(held.json().path("callId").asText()).isEqualTo(callId);
            assertThat(held.json().path("onHold").asBoolean()).isTrue();
            JsonNode onHold = agent.socket.await(m -> is(m, "call.hold") && m.path("onHold").asBoolean());
            assertThat(onHold.path("callId").asText()).isEqualTo(callId);

            Reply resumed = api.post("/api/agent/hold", json("onHold", false), agent.token);

            assertThat(resumed.status()).isEqualTo(200);
            assertThat(resumed.json().path("onHold").asBoolean()).isFalse();
            agent.socket.await(m -> is(m, "call.hold") && !m.path("onHold").asBoolean()
                    && callId.equals(m.path("callId").asText()));
            assertThat(stack.stateOf(agent.username)).isEqualTo(AgentState.ON_CALL);
            assertThat(switchCall(callId).phase()).isEqualTo(CallPhase.TALKING);
        }
    }

    // ---- recording ----

    @Test
    void recordingStartsWithItsFileStopsAndTheCallRecordKeepsTheFile() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            String callId = agent.takeCall("13700000002");

            Reply started = api.post("/api/agent/recording", json("action", "start"), agent.token);

            assertThat(started.status()).isEqualTo(200);
            String file = started.json().path("file").asText();
            assertThat(file).contains(callId);
            JsonNode on = agent.socket.await(m -> is(m, "call.recording") && m.path("recording").asBoolean());
            assertThat(on.path("callId").asText()).isEqualTo(callId);
            assertThat(on.path("file").asText()).isEqualTo(file);

            Reply again = api.post("/api/agent/recording", json("action", "START"), agent.token);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.error()).contains("already being recorded");

            Reply stopped = api.post("/api/agent/recording", json("action", "stop"), agent.token);

            assertThat(stopped.status()).isEqualTo(200);
            assertThat(stopped.json().path("recording").asBoolean()).isFalse();
            agent.socket.await(m -> is(m, "call.recording") && !m.path("recording").asBoolean());
            Reply stopAgain = api.post("/api/agent/recording", json("action", "stop"), agent.token);
            assertThat(stopAgain.status()).isEqualTo(409);
            assertThat(stopAgain.error()).contains("not being recorded");

            api.post("/api/agent/hangup", "{}", agent.token);
            await().atMost(Socket.WAIT).until(() -> backend.ticketing.calls().find(callId)
                    .map(CallRecord::outcome).isPresent());
            assertThat(backend.ticketing.calls().find(callId).orElseThrow().recordingFile()).isEqualTo(file);
        }
    }

    // ---- transfer ----

    @Test
    void aBlindTransferWrapsTheAgentUpAndTheNextCallReachesItAfterWrapUp() throws Exception {
        stack.plugInPhone("expert");
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            String first = agent.takeCall("13700000003");

            Reply moved = api.post("/api/agent/transfer", json("target", "console/expert", "mode", "blind"),
                    agent.token);

            assertThat(moved.status()).isEqualTo(200);
            assertThat(moved.json().path("callId").asText()).isEqualTo(first);
            assertThat(moved.json().path("mode").asText()).isEqualTo("BLIND");
            assertThat(stack.stateOf(agent.username)).isEqualTo(AgentState.WRAP_UP);
            assertThat(switchCall(first).device()).isEqualTo("console/expert");
            assertThat(switchCall(first).phase()).isEqualTo(CallPhase.TALKING);
            JsonNode told = agent.socket.awaitType("call.transferred");
            assertThat(told.path("callId").asText()).isEqualTo(first);
            assertThat(told.path("kind").asText()).isEqualTo("BLIND");
            assertThat(told.path("target").asText()).isEqualTo("console/expert");
            agent.socket.await(m -> is(m, "agent.state") && "WRAP_UP".equals(m.path("state").asText()));

            stack.sim.hangup(first);
            await().atMost(Socket.WAIT).until(() -> backend.ticketing.calls().find(first)
                    .map(CallRecord::outcome).isPresent());
            assertThat(stack.stateOf(agent.username)).as("the transferred call's end is not the agent's")
                    .isEqualTo(AgentState.WRAP_UP);
            assertThat(api.post("/api/agent/wrapup/finish", "{}", agent.token).status()).isEqualTo(200);

            String second = stack.sim.placeCall(SimulatedCaller.pressing("13700000004"));

            JsonNode offered = agent.socket.await(m -> is(m, "call.offered")
                    && second.equals(m.path("callId").asText()));
            assertThat(offered.path("pop").path("callerNumber").asText()).isEqualTo("13700000004");
            await().atMost(Socket.WAIT).until(() -> stack.stateOf(agent.username) == AgentState.RESERVED);
            assertThat(agent.socket.messages()).noneMatch(m -> is(m, "call.ended"));
            CallRecord record = backend.ticketing.calls().find(first).orElseThrow();
            assertThat(record.outcome()).isEqualTo(CallOutcome.ANSWERED);
            assertThat(record.agent()).isEqualTo(agent.username);
            JsonNode queue = api.get("/api/stats/live", api.login(backend.newSupervisor())).json().path("queues").get(0);
            assertThat(queue.path("abandoned").asLong()).isZero();
        }
    }

    @Test
    void anAttendedTransferIsToldAsAttended() throws Exception {
        stack.plugInPhone("second-line");
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            String callId = agent.takeCall("13700000005");

            Reply moved = api.post("/api/agent/transfer", json("target", "console/second-line", "mode", "ATTENDED"),
                    agent.token);

            assertThat(moved.status()).isEqualTo(200);
            assertThat(moved.json().path("mode").asText()).isEqualTo("ATTENDED");
            JsonNode told = agent.socket.awaitType("call.transferred");
            assertThat(told.path("kind").asText()).isEqualTo("ATTENDED");
            assertThat(told.path("callId").asText()).isEqualTo(callId);
            assertThat(stack.stateOf(agent.username)).isEqualTo(AgentState.WRAP_UP);
        }
    }

    @Test
    void aTransferTheSwitchRefusesLeavesTheAgentOnTheCall() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            String callId = agent.takeCall("13700000006");

            Reply unknown = api.post("/api/agent/transfer", json("target", "console/nobody", "mode", "blind"),
                    agent.token);

            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.error()).isEqualTo("unknown device: console/nobody");
            assertThat(stack.stateOf(agent.username)).isEqualTo(AgentState.ON_CALL);
            assertThat(switchCall(callId).device()).isEqualTo(agent.device());
        }
    }

    // ---- bad input and state ----

    @Test
    void badBodiesAre400NamingTheFieldAndChangeNothing() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            String callId = agent.takeCall("13700000007");
            Map<String, String> cases = new LinkedHashMap<>();
            cases.put("/api/agent/hold|{}", "onHold");
            cases.put("/api/agent/hold|{\"onHold\":\"yes\"}", "onHold");
            cases.put("/api/agent/hold|{\"onHold\":1}", "onHold");
            cases.put("/api/agent/transfer|{\"mode\":\"blind\"}", "target");
            cases.put("/api/agent/transfer|{\"target\":\"12 34\",\"mode\":\"blind\"}", "target");
            cases.put("/api/agent/transfer|{\"target\":\"<b>x</b>\",\"mode\":\"blind\"}", "target");
            cases.put("/api/agent/transfer|{\"target\":\"" + "9".repeat(65) + "\",\"mode\":\"blind\"}", "target");
            cases.put("/api/agent/transfer|{\"target\":\"" + agent.device() + "\",\"mode\":\"blind\"}", "target");
            cases.put("/api/agent/transfer|{\"target\":\"8001\"}", "mode");
            cases.put("/api/agent/transfer|{\"target\":\"8001\",\"mode\":\"sideways\"}", "mode");
            cases.put("/api/agent/recording|{}", "action");
            cases.put("/api/agent/recording|{\"action\":\"pause\"}", "action");
            cases.put("/api/agent/dial|{}", "destination");
            cases.put("/api/agent/dial|{\"destination\":\"138 0000\"}", "destination");
            cases.put("/api/agent/dial|{\"destination\":\"" + "1".repeat(65) + "\"}", "destination");

            for (var c : cases.entrySet()) {
                String[] pathAndBody = c.getKey().split("\\|", 2);
                Reply r = api.post(pathAndBody[0], pathAndBody[1], agent.token);
                assertThat(r.status()).as(c.getKey()).isEqualTo(400);
                assertThat(r.field()).as(c.getKey()).isEqualTo(c.getValue());
            }

            assertThat(stack.stateOf(agent.username)).isEqualTo(AgentState.ON_CALL);
            assertThat(switchCall(callId).device()).isEqualTo(agent.device());
            Reply dialOnCall = api.post("/api/agent/dial", json("destination", "13800138000"), agent.token);
            assertThat(dialOnCall.status()).isEqualTo(409);
            assertThat(dialOnCall.error()).isEqualTo(agent.username + " cannot dial while ON_CALL");
            assertThat(typesOf(agent.socket, "call.hold", "call.recording", "call.transferred")).isEmpty();
        }
    }

    @Test
    void withoutACallInProgressTheCallControlsAre409() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            Reply hold = api.post("/api/agent/hold", json("onHold", true), agent.token);
            Reply transfer = api.post("/api/agent/transfer", json("target", "8001", "mode", "blind"), agent.token);
            Reply recording = api.post("/api/agent/recording", json("action", "start"), agent.token);

            for (Reply r : List.of(hold, transfer, recording)) {
                assertThat(r.status()).isEqualTo(409);
                assertThat(r.error()).isEqualTo("no call in progress for " + agent.username + " (state NOT_READY)");
            }
        }
    }

    // ---- click-to-dial ----

    @Test
    void clickToDialRingsTheAgentsPhoneForTheDestination() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            Reply dialled = api.post("/api/agent/dial", json("destination", "+86-138*0013#8000"), agent.token);

            assertThat(dialled.status()).isEqualTo(200);
            SimulatedCallState call = switchCall(dialled.json().path("callId").asText());
            assertThat(call.outbound()).isTrue();
            assertThat(call.phase()).isEqualTo(CallPhase.RINGING);
            assertThat(call.device()).isEqualTo(agent.device());
            assertThat(call.dnis()).isEqualTo("+86-138*0013#8000");
            assertThat(call.ani()).isEqualTo("显示名 " + agent.username);

            Reply busy = api.post("/api/agent/dial", json("destination", "10086"), agent.token);
            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.error()).isEqualTo("device " + agent.device() + " is busy");
        }
    }

    @Test
    void thePlacedCallsProgressAndEndReachOnlyTheAgentWhoDialled() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack); ConsoleAgent other = ConsoleAgent.open(stack)) {
            Reply dialled = api.post("/api/agent/dial", json("destination", "10086"), agent.token);
            assertThat(dialled.status()).isEqualTo(200);
            String callId = dialled.json().path("callId").asText();

            // the phone's ring is reported by the switch before the route answers: it still reaches the agent
            JsonNode ringing = agent.socket.await(m -> is(m, "call.dial") && m.path("ownPhone").asBoolean());
            assertThat(ringing.path("callId").asText()).isEqualTo(callId);
            assertThat(ringing.path("progress").asText()).isEqualTo("RINGING");
            assertThat(ringing.path("destination").asText()).isEqualTo(agent.device());
            assertThat(ringing.path("number").asText()).isEqualTo("10086");

            stack.sim.answer(agent.device());
            JsonNode answered = agent.socket.await(m -> is(m, "call.dial") && !m.path("ownPhone").asBoolean()
                    && m.path("progress").asText().equals("ANSWERED"));
            assertThat(answered.path("number").asText()).isEqualTo("10086");
            stack.sim.hangup(callId);
            agent.socket.await(m -> is(m, "call.ended") && callId.equals(m.path("callId").asText()));

            assertThat(agent.socket.messages().stream().filter(m -> is(m, "call.dial"))
                    .map(m -> (m.path("ownPhone").asBoolean() ? "phone " : "number ") + m.path("progress").asText()))
                    .containsExactly("phone RINGING", "phone ANSWERED", "number RINGING", "number ANSWERED");
            assertThat(typesOf(other.socket, "call.dial", "call.ended")).isEmpty();
        }
    }

    @Test
    void anAgentWhoDialsWhileReadyIsOfferedNoCallDuringIt() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            assertThat(api.post("/api/agent/state", json("state", "READY"), agent.token).status()).isEqualTo(200);

            Reply dialled = api.post("/api/agent/dial", json("destination", "10086"), agent.token);

            assertThat(dialled.status()).isEqualTo(200);
            Reply me = api.get("/api/agent/me", agent.token);
            assertThat(me.json().path("state").asText()).isEqualTo("NOT_READY");
            assertThat(me.json().path("reason").asText()).isEqualTo("outbound");
            String incoming = stack.sim.placeCall(SimulatedCaller.pressing("13700000008"));
            await().atMost(Socket.WAIT).until(() -> stack.stats.snapshot().queues().get(0).waiting() == 1);
            assertThat(stack.stateOf(agent.username)).isEqualTo(AgentState.NOT_READY);
            assertThat(switchCall(incoming).phase()).as("the caller still waits").isEqualTo(CallPhase.IVR);
        }
    }

    @Test
    void aDialTheSwitchRefusesLeavesAReadyAgentReady() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            assertThat(api.post("/api/agent/dial", json("destination", "10086"), agent.token).status())
                    .isEqualTo(200);
            assertThat(api.post("/api/agent/state", json("state", "READY"), agent.token).status()).isEqualTo(200);

            Reply busy = api.post("/api/agent/dial", json("destination", "10010"), agent.token);

            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.error()).isEqualTo("device " + agent.device() + " is busy");
            assertThat(stack.stateOf(agent.username)).isEqualTo(AgentState.READY);
        }
    }

    @Test
    void dialNeedsTheAcdLoginAndThePhoneOnline() {
        String offline = backend.newAgent();
        String token = api.login(offline);
        Reply loggedOut = api.post("/api/agent/dial", json("destination", "10086"), token);
        assertThat(loggedOut.status()).isEqualTo(409);
        assertThat(loggedOut.error()).isEqualTo(offline + " cannot dial while LOGGED_OUT");

        api.post("/api/agent/login", "{}", token);
        Reply noPhone = api.post("/api/agent/dial", json("destination", "10086"), token);
        assertThat(noPhone.status()).isEqualTo(409);
        assertThat(noPhone.error()).isEqualTo("device console/" + offline + " is not registered");
        assertThat(stack.stateOf(offline)).isEqualTo(AgentState.NOT_READY);
    }
}
