package org.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.console.testing.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.ConsoleAgent;
import org.hotline.console.testing.MiniIvr;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.Stack;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.Test;

/** Supervisors joining agents' calls, the wallboard's hold / recording badges, and who may use the call controls. */
class SupervisionTest extends StackTestBase {
    private static final List<String> AGENT_CALL_ROUTES =
            List.of("/api/agent/hold", "/api/agent/transfer", "/api/agent/recording", "/api/agent/dial");

    @Override
    protected void prepare(Stack started) {
        started.sim.onIncomingCall(new MiniIvr(started));
    }

    /** A supervisor whose console softphone is registered on the switch; returns its token. */
    private String supervisorWithPhone() {
        String supervisor = backend.newSupervisor();
        stack.plugInPhone(supervisor);
        return api.login(supervisor);
    }

    private static JsonNode row(JsonNode agents, String username) {
        for (JsonNode a : agents) {
            if (username.equals(a.path("username").asText())) {
                return a;
            }
        }
        return null;
    }

    @Test
    void aSupervisorListensWhispersAndBargesInOnAnAgentsCall() throws Exception {
        String token = supervisorWithPhone();
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            agent.takeCall("13600000001");
            Set<String> spyCalls = new HashSet<>();

            for (String mode : List.of("LISTEN", "whisper", "Barge")) {
                Reply r = api.post("/api/supervisor/spy", json("agent", agent.username, "mode", mode), token);

                assertThat(r.status()).as(mode).isEqualTo(200);
                assertThat(r.json().path("spyCallId").asText()).as(mode).isNotBlank();
                assertThat(r.json().path("mode").asText()).isEqualTo(mode.toUpperCase(Locale.ROOT));
                spyCalls.add(r.json().path("spyCallId").asText());
            }
            assertThat(spyCalls).hasSize(3);
        }
    }

    @Test
    void spyingNeedsAnAgentOnACallAndTheSupervisorsPhone() throws Exception {
        String phoneless = api.login(backend.newSupervisor());
        String token = supervisorWithPhone();
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            Reply idle = api.post("/api/supervisor/spy", json("agent", agent.username, "mode", "LISTEN"), token);
            Reply unknown = api.post("/api/supervisor/spy", json("agent", "nobody-here", "mode", "LISTEN"), token);
            Reply noAgent = api.post("/api/supervisor/spy", json("mode", "LISTEN"), token);
            Reply noMode = api.post("/api/supervisor/spy", json("agent", agent.username), token);
            Reply badMode = api.post("/api/supervisor/spy", json("agent", agent.username, "mode", "SHOUT"), token);

            assertThat(idle.status()).isEqualTo(409);
            assertThat(idle.error()).isEqualTo(agent.username + " is not on a call (state NOT_READY)");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.error()).isEqualTo("unknown agent: nobody-here");
            assertThat(noAgent.status()).isEqualTo(400);
            assertThat(noAgent.field()).isEqualTo("agent");
            assertThat(noMode.status()).isEqualTo(400);
            assertThat(noMode.field()).isEqualTo("mode");
            assertThat(badMode.status()).isEqualTo(400);
            assertThat(badMode.field()).isEqualTo("mode");

            agent.takeCall("13600000002");
            Reply withoutPhone = api.post("/api/supervisor/spy", json("agent", agent.username, "mode", "LISTEN"),
                    phoneless);
            assertThat(withoutPhone.status()).isEqualTo(404);
            assertThat(withoutPhone.error()).startsWith("unknown device: console/sup-");
        }
    }

    @Test
    void theCallControlsAreForAgentsAndSpyingForSupervisorsAndAdmins() throws Exception {
        String supervisor = supervisorWithPhone();
        String admin = api.login(backend.newUser("admin", Set.of(Role.ADMIN), Set.of()));
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            agent.takeCall("13600000003");

            Reply agentSpies = api.post("/api/supervisor/spy", json("agent", agent.username, "mode", "LISTEN"),
                    agent.token);
            assertThat(agentSpies.status()).isEqualTo(403);
            for (String route : AGENT_CALL_ROUTES) {
                assertThat(api.post(route, json("onHold", true, "target", "8001", "mode", "blind", "action", "start",
                        "destination", "8001"), supervisor).status()).as(route).isEqualTo(403);
            }
            Reply adminSpies = api.post("/api/supervisor/spy", json("agent", agent.username, "mode", "LISTEN"),
                    admin);
            assertThat(adminSpies.status()).as("an admin passes the role check; its phone is not registered")
                    .isEqualTo(404);
            assertThat(typesOf(agent.socket)).doesNotContain("call.hold", "call.recording", "call.transferred");
        }
    }

    @Test
    void theWallboardShowsWhichCallsAreOnHoldOrRecorded() throws Exception {
        String token = supervisorWithPhone();
        try (ConsoleAgent agent = ConsoleAgent.open(stack); Socket wallboard = Socket.open(api, token)) {
            wallboard.awaitType("hello");
            agent.takeCall("13600000004");
            JsonNode plain = row(api.get("/api/stats/live", token).json().path("agents"), agent.username);
            assertThat(plain.path("state").asText()).isEqualTo("ON_CALL");
            assertThat(plain.path("onHold").asBoolean()).isFalse();
            assertThat(plain.path("recording").asBoolean()).isFalse();

            api.post("/api/agent/hold", json("onHold", true), agent.token);
            api.post("/api/agent/recording", json("action", "start"), agent.token);

            wallboard.await(m -> "stats".equals(m.path("type").asText()) && row(m.path("agents"), agent.username) != null
                    && row(m.path("agents"), agent.username).path("onHold").asBoolean()
                    && row(m.path("agents"), agent.username).path("recording").asBoolean());
            JsonNode badged = row(api.get("/api/stats/live", token).json().path("agents"), agent.username);
            assertThat(badged.path("onHold").asBoolean()).isTrue();
            assertThat(badged.path("recording").asBoolean()).isTrue();

            api.post("/api/agent/hangup", "{}", agent.token);

            await().atMost(Socket.WAIT).until(() -> "WRAP_UP".equals(
                    row(api.get("/api/stats/live", token).json().path("agents"), agent.username).path("state").asText()));
            JsonNode after = row(api.get("/api/stats/live", token).json().path("agents"), agent.username);
            assertThat(after.path("onHold").asBoolean()).isFalse();
            assertThat(after.path("recording").asBoolean()).isFalse();
        }
    }

    @Test
    void theWallboardListsTheCallsInProgressFromTheLiveCallModel() throws Exception {
        String token = supervisorWithPhone();
        try (ConsoleAgent agent = ConsoleAgent.open(stack); Socket wallboard = Socket.open(api, token)) {
            wallboard.awaitType("hello");
            String callId = agent.takeCall("13600000006");
            api.post("/api/agent/hold", json("onHold", true), agent.token);

            JsonNode pushed = wallboard.await(m -> "stats".equals(m.path("type").asText())
                    && call(m.path("calls"), callId) != null && call(m.path("calls"), callId).path("onHold").asBoolean());
            JsonNode listed = call(pushed.path("calls"), callId);
            assertThat(listed.path("direction").asText()).isEqualTo("INBOUND");
            assertThat(listed.path("phase").asText()).isEqualTo("TALKING");
            assertThat(listed.path("agent").asText()).isEqualTo(agent.username);
            assertThat(listed.path("queue").asText()).isEqualTo(Stack.QUEUE);

            api.post("/api/agent/hangup", "{}", agent.token);

            await().atMost(Socket.WAIT).until(() -> call(api.get("/api/stats/live", token).json().path("calls"),
                    callId) == null);
        }
    }

    private static JsonNode call(JsonNode calls, String callId) {
        for (JsonNode c : calls) {
            if (callId.equals(c.path("callId").asText())) {
                return c;
            }
        }
        return null;
    }

    @Test
    void aReloadedPageIsToldTheHoldAndRecordingOfTheCallInProgress() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            String callId = agent.takeCall("13600000005");
            api.post("/api/agent/hold", json("onHold", true), agent.token);
            String file = api.post("/api/agent/recording", json("action", "start"), agent.token).json()
                    .path("file").asText();

            try (Socket reloaded = Socket.open(api, agent.token)) {
                JsonNode call = reloaded.awaitType("hello").path("call");

                assertThat(call.path("callId").asText()).isEqualTo(callId);
                assertThat(call.path("onHold").asBoolean()).isTrue();
                assertThat(call.path("recording").asBoolean()).isTrue();
                assertThat(call.path("file").asText()).isEqualTo(file);
            }
            api.post("/api/agent/hangup", "{}", agent.token);
            try (Socket afterwards = Socket.open(api, agent.token)) {
                assertThat(afterwards.awaitType("hello").path("call").isNull()).isTrue();
            }
        }
    }

    private static List<String> typesOf(Socket socket) {
        return socket.messages().stream().map(m -> m.path("type").asText()).toList();
    }
}
