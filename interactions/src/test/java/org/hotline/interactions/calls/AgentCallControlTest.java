package org.hotline.interactions.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchResult;
import org.hotline.platform.user.User;
import org.junit.jupiter.api.Test;

class AgentCallControlTest {
    private static final SwitchCapabilities DESK_PHONES = new SwitchCapabilities(false, true, true, false, true, true,
            true);
    private final Desk desk = new Desk();
    private final RecordingSwitch sw = new RecordingSwitch(new ArrayList<>());

    private AgentCallControl calls(SwitchCapabilities can) {
        return new AgentCallControl(desk, sw, can);
    }

    @Test
    void aRingingCallIsAnsweredOnTheAgentsDevice() {
        User agent = desk.put("agent1", AgentState.RESERVED, "in-1");

        assertThat(calls(SwitchCapabilities.ALL).answer(agent))
                .isEqualTo(new CallResult.Done<>(new AgentCallControl.Answered("in-1", "console/agent1")));
        assertThat(sw.requests).containsExactly("answer console/agent1 after []");
    }

    @Test
    void anAnswerClickedBeforeThePhoneRingsWaitsForTheRing() {
        User agent = desk.put("agent1", AgentState.RESERVED, "in-1");
        sw.ringsAfter = 2;

        assertThat(new AgentCallControl(desk, sw, SwitchCapabilities.ALL, Duration.ofSeconds(10)).answer(agent))
                .isEqualTo(new CallResult.Done<>(new AgentCallControl.Answered("in-1", "console/agent1")));
        assertThat(sw.requests).containsExactly("answer console/agent1 (not ringing yet)",
                "answer console/agent1 (not ringing yet)", "answer console/agent1 after []");
    }

    @Test
    void anAnswerStopsWaitingWhenTheCallIsNoLongerTheAgentsOrTheWaitIsOver() {
        User agent = desk.put("agent1", AgentState.RESERVED, "in-1");
        sw.ringsAfter = 1_000;

        CallResult<AgentCallControl.Answered> neverRang = new AgentCallControl(desk, sw, SwitchCapabilities.ALL,
                Duration.ZERO).answer(agent);

        assertThat(neverRang).isEqualTo(new CallResult.SwitchRefused<>(SwitchResult.Refusal.NOT_NOW,
                "device console/agent1 is not ringing"));
        assertThat(sw.requests).hasSize(1);
        desk.put("agent1", AgentState.NOT_READY, null);
        assertThat(new AgentCallControl(desk, sw, SwitchCapabilities.ALL, Duration.ofSeconds(10)).answer(agent))
                .as("routing took the call away: nothing to answer").isInstanceOf(CallResult.NotNow.class);
    }

    @Test
    void aSwitchThatCannotAnswerFromTheConsoleIsNotAskedTo() {
        User agent = desk.put("agent1", AgentState.RESERVED, "in-1");

        assertThat(calls(DESK_PHONES).answer(agent)).isInstanceOf(CallResult.Unsupported.class);
        assertThat(calls(DESK_PHONES).transfer(agent, "1002", TransferMode.BLIND))
                .isInstanceOf(CallResult.NotNow.class);
        desk.put("agent1", AgentState.ON_CALL, "in-1");
        assertThat(calls(DESK_PHONES).transfer(agent, "1002", TransferMode.ATTENDED))
                .isInstanceOf(CallResult.Unsupported.class);
        assertThat(sw.requests).isEmpty();
    }

    @Test
    void nothingIsAskedOfTheSwitchWithoutACallInProgress() {
        User agent = desk.put("agent1", AgentState.READY, null);
        AgentCallControl calls = calls(SwitchCapabilities.ALL);

        List<CallResult<?>> results = List.of(calls.answer(agent), calls.hangUp(agent), calls.hold(agent, true),
                calls.transfer(agent, "1002", TransferMode.BLIND), calls.recording(agent, true));

        assertThat(results).containsExactly(
                new CallResult.NotNow<>(AgentState.READY, "no call is ringing for agent1 (state READY)"),
                new CallResult.NotNow<>(AgentState.READY, "no call to hang up for agent1 (state READY)"),
                new CallResult.NotNow<>(AgentState.READY, "no call in progress for agent1 (state READY)"),
                new CallResult.NotNow<>(AgentState.READY, "no call in progress for agent1 (state READY)"),
                new CallResult.NotNow<>(AgentState.READY, "no call in progress for agent1 (state READY)"));
        assertThat(sw.requests).isEmpty();
    }

    @Test
    void theSwitchsRefusalIsTheAnswerAndATransferToTheAgentsOwnPhoneIsInvalid() {
        User agent = desk.put("agent1", AgentState.ON_CALL, "in-1");
        AgentCallControl calls = calls(SwitchCapabilities.ALL);

        assertThat(calls.transfer(agent, "console/agent1", TransferMode.BLIND))
                .isEqualTo(new CallResult.Invalid<>("target", "the call is already on console/agent1"));
        assertThat(calls.recording(agent, true)).isEqualTo(new CallResult.Done<>(
                new AgentCallControl.RecordingChanged("in-1", true, "in-1.wav")));
        sw.refusal = new SwitchResult.Refused<>(SwitchResult.Refusal.NO_SUCH_CALL, "call in-1 has ended");
        assertThat(calls.hold(agent, true))
                .isEqualTo(new CallResult.SwitchRefused<>(SwitchResult.Refusal.NO_SUCH_CALL, "call in-1 has ended"));
        assertThat(sw.requests).containsExactly("record in-1 after []", "hold in-1 true after []");
    }
}
