package org.hotline.console.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hotline.console.testing.Api.json;

import java.util.ArrayList;
import java.util.List;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.ConsoleAgent;
import org.hotline.console.testing.MiniIvr;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.Stack;
import org.hotline.console.testing.StackTestBase;
import org.hotline.cti.sim.CallPhase;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.junit.jupiter.api.Test;

/**
 * The server says which call actions the agent may take now ({@code actions} of {@code GET /api/agent/me} and of
 * every reply about the agent), from its state and what the switch can do, so that the console shows only the buttons
 * that can work; an action the switch cannot do is a 409, and the switch is not asked.
 */
class CallActionsApiTest extends StackTestBase {
    /** A switch like Asterisk: the agent picks up its SIP phone, the console cannot answer it. */
    private static final SwitchCapabilities DESK_PHONES = new SwitchCapabilities(false, true, true, true, true, true,
            true);
    @Override
    protected void prepare(Stack started) {
        started.sim.onIncomingCall(new MiniIvr(started));
    }

    /** Replaces this test's stack by one on a switch that can do only {@code can}. */
    private void restartOn(SwitchCapabilities can) {
        stack.close();
        stack = new Stack(backend, can);
        prepare(stack);
        api = stack.api;
    }

    private List<String> actions(ConsoleAgent agent) {
        Reply me = api.get("/api/agent/me", agent.token);
        assertThat(me.status()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        me.json().path("actions").forEach(a -> actions.add(a.asText()));
        return actions;
    }

    private String ringing(ConsoleAgent agent, String ani) {
        Reply ready = api.post("/api/agent/state", json("state", "READY"), agent.token);
        assertThat(ready.json().path("actions").get(0).asText()).isEqualTo("dial");
        String callId = stack.sim.placeCall(SimulatedCaller.pressing(ani));
        await().atMost(Socket.WAIT).until(() -> stack.stateOf(agent.username) == AgentState.RESERVED);
        return callId;
    }

    @Test
    void theAgentIsOfferedTheCallActionsOfItsStateOnASwitchThatCanDoEverything() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            assertThat(actions(agent)).containsExactly("dial");

            ringing(agent, "13700000101");
            assertThat(actions(agent)).containsExactly("answer");

            assertThat(api.post("/api/agent/answer", "{}", agent.token).status()).isEqualTo(200);
            await().atMost(Socket.WAIT).until(() -> stack.stateOf(agent.username) == AgentState.ON_CALL);
            assertThat(actions(agent)).containsExactly("hangup", "hold", "transfer", "recording");
        }
    }

    @Test
    void whereTheAgentPicksUpThePhoneAnswerIsNotOfferedAndAskingForItIs409() throws Exception {
        restartOn(DESK_PHONES);
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            String callId = ringing(agent, "13700000102");

            assertThat(actions(agent)).isEmpty();
            Reply answer = api.post("/api/agent/answer", "{}", agent.token);

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.error()).isEqualTo("answer the call on the phone " + agent.device()
                    + ": this switch cannot answer it from the console");
            assertThat(stack.stateOf(agent.username)).isEqualTo(AgentState.RESERVED);
            assertThat(stack.sim.call(callId).orElseThrow().phase()).as("the switch was not asked")
                    .isEqualTo(CallPhase.RINGING);
        }
    }
}
