package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.hotline.cti.asterisk.ami.ActionTargets.Target;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.junit.jupiter.api.Test;

/**
 * Where actions go, against the channel book built from the queue-answered capture (Bob queued, then bridged with
 * Agent Two's leg {@code Local/agent2@agents-00000003;1}): the call's own channel for hangup, hold and recording, the
 * agent's leg for a transfer, the agent's bridged channel for ChanSpy; and the refusals a user sees instead.
 */
class ActionTargetsTest {
    static final String AGENT_LEG = "Local/agent2@agents-00000003;1";

    private final List<ManagerEvent> events = CapturedEvents.load("ami-queue-answered.txt").all();

    private List<ManagerEvent> until(Class<? extends ManagerEvent> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return events.subList(0, i);
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName());
    }

    private List<ManagerEvent> from(Class<? extends ManagerEvent> type) {
        return events.subList(until(type).size(), events.size());
    }

    private CallUnits bobTalkingToAgentTwo() {
        CallUnits u = new CallUnits();
        u.calls.track(QueueCallTest.BOB, QueueCallTest.BOB_CHANNEL);
        return u.feed(until(AgentCompleteEvent.class));
    }

    @Test
    void aQueuedCallCannotBeHeldTransferredOrRecordedBeforeAnAgentAnswers() {
        CallUnits u = new CallUnits();
        u.calls.track(QueueCallTest.BOB, QueueCallTest.BOB_CHANNEL);
        u.feed(until(AgentCalledEvent.class));

        for (var action : List.<Runnable>of(() -> u.tracker.connectedCall(QueueCallTest.BOB),
                () -> u.tracker.transferTarget(QueueCallTest.BOB, TransferKind.BLIND, "1002"),
                () -> u.tracker.recordingStart(QueueCallTest.BOB, "f.wav"))) {
            assertThatThrownBy(action::run).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("not connected to an agent");
        }
        assertThat(u.tracker.hangupTarget(QueueCallTest.BOB).channel()).isEqualTo(QueueCallTest.BOB_CHANNEL);
    }

    @Test
    void holdGoesToTheCallersChannelAndIsPublishedOncePerChange() {
        CallUnits u = bobTalkingToAgentTwo();
        Target t = u.tracker.connectedCall(QueueCallTest.BOB);
        assertThat(t).isEqualTo(new Target(CallUnits.SERVER, QueueCallTest.BOB_CHANNEL, QueueCallTest.BOB));
        u.tracker.holdApplied(QueueCallTest.BOB, true);
        u.tracker.holdApplied(QueueCallTest.BOB, true);
        u.tracker.holdApplied(QueueCallTest.BOB, false);

        assertThat(u.events(CallHoldChanged.class)).extracting(CallHoldChanged::onHold).containsExactly(true, false);
    }

    @Test
    void aTransferGoesToTheAgentsLegAndSpyingFindsTheAgentsBridgedChannel() {
        CallUnits u = bobTalkingToAgentTwo();
        assertThat(u.tracker.transferTarget(QueueCallTest.BOB, TransferKind.BLIND, "1002").channel()).isEqualTo(AGENT_LEG);
        assertThat(u.tracker.spyTarget("Local/agent2@agents").channel()).isEqualTo(AGENT_LEG);
        assertThatThrownBy(() -> u.tracker.spyTarget("PJSIP/1001")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("no call connected on PJSIP/1001");
    }

    @Test
    void aCallHotlineHangsUpEndsAsSystemUnlessTheHangupFailed() {
        CallUnits u = bobTalkingToAgentTwo();
        u.tracker.hangupTarget(QueueCallTest.BOB);
        u.feed(from(AgentCompleteEvent.class));
        assertThat(u.hangups(QueueCallTest.BOB)).singleElement()
                .satisfies(h -> assertThat(h.party()).isEqualTo(HangupParty.SYSTEM));

        CallUnits v = bobTalkingToAgentTwo();
        v.tracker.hangupTarget(QueueCallTest.BOB);
        v.tracker.hangupFailed(QueueCallTest.BOB);
        v.feed(from(AgentCompleteEvent.class));
        assertThat(v.hangups(QueueCallTest.BOB)).singleElement()
                .satisfies(h -> assertThat(h.party()).isEqualTo(HangupParty.AGENT));
        assertThat(v.tracker.isLive(QueueCallTest.BOB)).isFalse();
    }

    @Test
    void unknownCallsAreNotFoundAndCallsOnADisconnectedServerAreAConflict() {
        CallUnits u = bobTalkingToAgentTwo();
        assertThatThrownBy(() -> u.tracker.hangupTarget("no-such-call")).isInstanceOf(NotFoundException.class);
        u.connected.clear();
        assertThatThrownBy(() -> u.tracker.hangupTarget(QueueCallTest.BOB)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("is not connected");
        assertThatThrownBy(() -> u.tracker.serverFor("PJSIP/1001")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("no Asterisk server is connected");
        assertThat(u.events(CallHungUp.class)).isEmpty();
    }
}
