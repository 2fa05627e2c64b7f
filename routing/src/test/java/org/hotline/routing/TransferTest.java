package org.hotline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.platform.routing.AgentState.ON_CALL;
import static org.hotline.platform.routing.AgentState.READY;
import static org.hotline.platform.routing.AgentState.RESERVED;
import static org.hotline.platform.routing.AgentState.WRAP_UP;
import static org.hotline.routing.AcdFixture.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.routing.AgentSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A connected call transferred away on the switch has left its agent. */
class TransferTest {
    private final AcdFixture f = new AcdFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private void onCall(String agent, String callId) {
        f.ready(agent, "support");
        f.queued(call(callId, "support", 0));
        f.acd.answered(callId);
        assertThat(f.state(agent)).isEqualTo(ON_CALL);
    }

    @ParameterizedTest
    @EnumSource(TransferKind.class)
    void theAgentWrapsUpAsAtHangUp(TransferKind kind) {
        onCall("agent1", "c1");
        int mark = f.mark();

        var transfer = f.transfer("c1", kind, "dev-expert");

        AgentSnapshot s = f.snapshot("agent1");
        assertThat(s.state()).isEqualTo(WRAP_UP);
        assertThat(s.callId()).isEqualTo("c1");
        assertThat(f.since(mark)).containsExactly(transfer,
                new AgentStateChanged("agent1", WRAP_UP, null, "c1", s.since()));
        f.scheduler.advance(AcdFixture.SUPPORT_WRAP_UP);
        assertThat(f.state("agent1")).isEqualTo(READY);
    }

    @Test
    void theTransferredCallsLaterHangUpChangesNothingAndIsNotAbandoned() {
        onCall("agent1", "c1");
        f.transfer("c1", TransferKind.BLIND, "dev-expert");
        f.acd.finishWrapUp("agent1");
        f.queued(call("c2", "support", 0));
        f.acd.answered("c2");
        int mark = f.mark();

        var hangUp = f.hangUp("c1");

        assertThat(f.since(mark)).containsExactly(hangUp);
        assertThat(f.snapshot("agent1").callId()).isEqualTo("c2");
        assertThat(f.state("agent1")).isEqualTo(ON_CALL);
        assertThat(f.events(CallAbandoned.class)).isEmpty();
    }

    @Test
    void theHangUpDuringWrapUpDoesNotRestartTheWrapUp() {
        onCall("agent1", "c1");
        f.transfer("c1", TransferKind.ATTENDED, "dev-expert");
        f.scheduler.advance(AcdFixture.SUPPORT_WRAP_UP.minusSeconds(5));

        f.hangUp("c1");
        f.scheduler.advance(Duration.ofSeconds(5));

        assertThat(f.state("agent1")).isEqualTo(READY);
    }

    @Test
    void theNextWaitingCallReachesTheAgentAfterWrapUp() {
        onCall("agent1", "c1");
        f.queued(call("c2", "support", 0));

        f.transfer("c1", TransferKind.BLIND, "dev-expert");
        f.scheduler.advance(AcdFixture.SUPPORT_WRAP_UP);

        assertThat(f.state("agent1")).isEqualTo(RESERVED);
        assertThat(f.snapshot("agent1").callId()).isEqualTo("c2");
    }

    @Test
    void aSecondReportAndReportsOfUnknownCallsAreIgnored() {
        onCall("agent1", "c1");
        f.transfer("c1", TransferKind.BLIND, "dev-expert");
        int mark = f.mark();

        var again = f.transfer("c1", TransferKind.ATTENDED, "dev-other");
        var unknown = f.transfer("never-seen", TransferKind.BLIND, "dev-expert");

        assertThat(f.since(mark)).containsExactly(again, unknown);
        assertThat(f.state("agent1")).isEqualTo(WRAP_UP);
    }

    @Test
    void aSubscriberMayCallBackIntoTheAcdWhenTheTransferIsPublished() {
        List<AgentSnapshot> seen = new ArrayList<>();
        f.bus.subscribe(AgentStateChanged.class, e -> {
            if (e.state() == WRAP_UP) {
                seen.add(f.acd.finishWrapUp(e.agent()).orElseThrow());
            }
        });
        onCall("agent1", "c1");

        f.transfer("c1", TransferKind.BLIND, "dev-expert");

        assertThat(seen).extracting(AgentSnapshot::state).containsExactly(READY);
        assertThat(f.agentEvents("agent1")).extracting(AgentStateChanged::state).endsWith(ON_CALL, WRAP_UP, READY);
    }
}
