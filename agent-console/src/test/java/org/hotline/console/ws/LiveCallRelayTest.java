package org.hotline.console.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.console.testing.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.ConsoleAgent;
import org.hotline.console.testing.MiniIvr;
import org.hotline.console.testing.Stack;
import org.hotline.console.testing.StackTestBase;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallRingNoAnswer;
import org.hotline.platform.live.LiveCall;
import org.junit.jupiter.api.Test;

/**
 * The console's relay reads the one live-call model: an event delivered twice, or one that comes too late for the
 * call, tells the agent nothing more; the agent of a call it placed is the model's from the call's first event.
 */
class LiveCallRelayTest extends StackTestBase {
    @Override
    protected void prepare(Stack started) {
        started.sim.onIncomingCall(new MiniIvr(started));
    }

    private static boolean is(JsonNode m, String type) {
        return type.equals(m.path("type").asText());
    }

    @Test
    void aHoldDeliveredTwiceReachesTheAgentOnce() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            String callId = agent.takeCall("13700000002");
            CallHoldChanged held = new CallHoldChanged(callId, true, Instant.now());

            backend.bus.publish(held);
            backend.bus.publish(held);
            backend.bus.publish(new CallHoldChanged(callId, false, Instant.now()));

            // messages to one agent leave in event order: once the resume is there, everything before it is too
            agent.socket.await(m -> is(m, "call.hold") && !m.path("onHold").asBoolean());
            assertThat(agent.socket.messages().stream().filter(m -> is(m, "call.hold"))
                    .map(m -> m.path("onHold").asBoolean())).containsExactly(true, false);
        }
    }

    @Test
    void aRingNoAnswerThatComesAfterTheAnswerDoesNotTellTheAgentItMissedTheCall() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            String callId = agent.takeCall("13700000003");

            backend.bus.publish(new CallRingNoAnswer(callId, Stack.QUEUE, agent.username, Instant.now()));
            backend.bus.publish(new CallHoldChanged(callId, true, Instant.now()));

            agent.socket.await(m -> is(m, "call.hold"));
            assertThat(agent.socket.messages()).noneMatch(m -> is(m, "call.missed"));
            assertThat(stack.liveCalls.find(callId)).get().extracting(LiveCall::agent, LiveCall::phase)
                    .containsExactly(agent.username, LiveCall.Phase.TALKING);
        }
    }

    @Test
    void aPlacedCallIsItsAgentsInTheModelFromItsFirstEvent() throws Exception {
        try (ConsoleAgent agent = ConsoleAgent.open(stack)) {
            Reply dialled = api.post("/api/agent/dial", json("destination", "10086"), agent.token);
            assertThat(dialled.status()).isEqualTo(200);
            String callId = dialled.json().path("callId").asText();

            assertThat(stack.liveCalls.ofAgent(agent.username)).singleElement().satisfies(c -> {
                assertThat(c.callId()).isEqualTo(callId);
                assertThat(c.direction()).isEqualTo(CallDirection.OUTBOUND);
                assertThat(c.destination()).isEqualTo("10086");
                assertThat(c.device()).isEqualTo(agent.device());
            });
        }
    }
}
