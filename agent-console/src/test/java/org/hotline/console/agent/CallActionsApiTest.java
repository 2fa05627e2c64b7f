package org.hotline.console.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.console.testing.Api.json;

import java.util.ArrayList;
import java.util.List;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.ConsoleAgent;
import org.hotline.console.testing.MiniIvr;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.Stack;
import org.hotline.cti.sim.CallPhase;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server says which call actions the agent may take now ({@code actions} of {@code GET /api/agent/me} and of
 * every reply about the agent), from its state and what the switch can do, so that the console shows only the buttons
 * that can work; an action the switch cannot do is a 409, and the switch is not asked.
 */
class CallActionsApiTest {
    /** A switch like Asterisk: the agent picks up its SIP phone, the console cannot answer it. */
    private static final SwitchCapabilities DESK_PHONES = new SwitchCapabilities(false, true, true, true, true, true,
            true);
    private static Backend backend;
    private Stack stack;

    @BeforeAll
    static void openBackend() {
        backend = new Backend();
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    @AfterEach
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    private Stack start(SwitchCapabilities can) {
        stack = new Stack(backend, can);
        stack.sim.onIncomingCall(new MiniIvr(stack));
        return stack;
    }

    private List<String> actions(ConsoleAgent agent) {
        Reply me = stack.api.get("/api/agent/me", agent.token);
        assertThat(me.status()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        me.json().path("actions").forEach(a -> actions.add(a.asText()));
        return actions;
    }

    private String ringing(ConsoleAgent agent, String ani) {
        Reply ready = stack.api.post("/api/agent/state", json("state", "READY"), agent.token);
        assertThat(ready.json().path("actions").get(0).asText()).isEqualTo("dial");
        String callId = stack.sim.placeCall(SimulatedCaller.pressing(ani));
        await().atMost(Socket.WAIT).until(() -> stack.stateOf(agent.username) == AgentState.RESERVED);
        return callId;
    }

    @Test
    void theAgentIsOfferedTheCallActionsOfItsStateOnASwitchThatCanDoEverything() throws Exception {
        start(SwitchCapabilities.ALL);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            assertThat(actions(agent)).containsExactly("dial");

            ringing(agent, "13700000101");
            assertThat(actions(agent)).containsExactly("answer");

            assertThat(stack.api.post("/api/agent/answer", "{}", agent.token).status()).isEqualTo(200);
            await().atMost(Socket.WAIT).until(() -> stack.stateOf(agent.username) == AgentState.ON_CALL);
            assertThat(actions(agent)).containsExactly("hangup", "hold", "transfer", "recording");
        }
    }

    @Test
    void whereTheAgentPicksUpThePhoneAnswerIsNotOfferedAndAskingForItIs409() throws Exception {
        start(DESK_PHONES);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            String callId = ringing(agent, "13700000102");

            assertThat(actions(agent)).isEmpty();
            Reply answer = stack.api.post("/api/agent/answer", "{}", agent.token);

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.error()).isEqualTo("answer the call on the phone " + agent.device()
                    + ": this switch cannot answer it from the console");
            assertThat(stack.stateOf(agent.username)).isEqualTo(AgentState.RESERVED);
            assertThat(stack.sim.call(callId).orElseThrow().phase()).as("the switch was not asked")
                    .isEqualTo(CallPhase.RINGING);
        }
    }
}
