package org.hotline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hotline.platform.routing.AgentState.ON_CALL;
import static org.hotline.platform.routing.AgentState.READY;
import static org.hotline.platform.routing.AgentState.RESERVED;
import static org.hotline.platform.routing.AgentState.WRAP_UP;
import static org.hotline.routing.AcdFixture.call;

import java.time.Duration;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.WaitingCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the ACD does when a call ends on the switch. */
class HangupTest {
    private final AcdFixture f = new AcdFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingIsAbandonedAndLeavesTheQueue() throws Exception {
        WaitingCall c1 = f.queued(call("c1", "support", 0));
        WaitingCall c2 = f.queued(call("c2", "support", 0));
        var queuedAt = f.events.getFirst().at();
        f.clock.advance(Duration.ofSeconds(42));

        f.hangUp("c1");

        assertThat(f.events(CallAbandoned.class)).containsExactly(
                new CallAbandoned("c1", "support", Duration.ofSeconds(42), queuedAt.plusSeconds(42)));
        assertThat(c1.position()).isZero();
        assertThat(c1.awaitReservation(Duration.ofSeconds(1))).isEmpty();
        assertThat(c2.position()).isEqualTo(1);

        f.ready("agent1", "support");
        assertThat(f.snapshot("agent1").callId()).isEqualTo("c2");
    }

    @Test
    void aCallerWhoHangsUpWhileRingingFreesTheAgentWhoTakesTheNextCall() throws Exception {
        f.ready("agent1", "support");
        WaitingCall c1 = f.queued(call("c1", "support", 0));
        WaitingCall c2 = f.queued(call("c2", "support", 0));
        assertThat(f.state("agent1")).isEqualTo(RESERVED);

        f.hangUp("c1");

        assertThat(f.events(CallAbandoned.class)).extracting(CallAbandoned::callId).containsExactly("c1");
        assertThat(f.agentEvents("agent1")).extracting(AgentStateChanged::state, AgentStateChanged::reason)
                .endsWith(tuple(READY, "caller-gone"),
                        tuple(RESERVED, null));
        assertThat(c1.awaitReservation(Duration.ZERO)).isEmpty();
        assertThat(c2.awaitReservation(Duration.ZERO)).map(Reservation::agent).contains("agent1");
        assertThat(f.scheduler.pending()).as("only c2's ring guard is armed").isEqualTo(1);
    }

    @Test
    void aCallerWhoHangsUpWhileRingingWithNothingWaitingLeavesTheAgentReady() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));

        f.hangUp("c1");

        assertThat(f.state("agent1")).isEqualTo(READY);
        assertThat(f.scheduler.pending()).isZero();
    }

    @Test
    void theEndOfAConversationStartsWrapUpWhichEndsAfterTheQueuesWrapUpTime() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));
        f.acd.answered("c1");
        assertThat(f.state("agent1")).isEqualTo(ON_CALL);

        f.hangUp("c1");
        assertThat(f.snapshot("agent1").callId()).isEqualTo("c1");

        f.scheduler.advance(AcdFixture.SUPPORT_WRAP_UP.minusMillis(1));
        assertThat(f.state("agent1")).isEqualTo(WRAP_UP);
        f.scheduler.advance(Duration.ofMillis(1));
        assertThat(f.state("agent1")).isEqualTo(READY);
        assertThat(f.snapshot("agent1").callId()).isNull();
    }

    @Test
    void anAgentLeavingWrapUpTakesTheNextWaitingCall() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));
        f.acd.answered("c1");
        f.queued(call("c2", "support", 0));
        f.hangUp("c1");

        f.scheduler.advance(AcdFixture.SUPPORT_WRAP_UP);

        assertThat(f.state("agent1")).isEqualTo(RESERVED);
        assertThat(f.snapshot("agent1").callId()).isEqualTo("c2");
    }

    @Test
    void finishingWrapUpEarlyCancelsTheTimer() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));
        f.acd.answered("c1");
        f.hangUp("c1");

        f.acd.finishWrapUp("agent1");
        f.scheduler.advance(Duration.ofSeconds(10));
        f.queued(call("c2", "support", 0));
        f.acd.answered("c2");
        f.hangUp("c2");
        int mark = f.mark();

        // reach the moment the first wrap-up would have ended, 20 s into the second one
        f.scheduler.advance(AcdFixture.SUPPORT_WRAP_UP.minusSeconds(10));

        assertThat(f.state("agent1")).as("the first wrap-up's timer must not end the second wrap-up").isEqualTo(WRAP_UP);
        assertThat(f.since(mark)).isEmpty();
    }

    @Test
    void hangUpsOfUnknownCallsAreIgnored() {
        f.ready("agent1", "support");
        int mark = f.mark();

        var hangUp = f.hangUp("never-seen");

        assertThat(f.since(mark)).containsExactly(hangUp);
        assertThat(f.state("agent1")).isEqualTo(READY);
    }

    @Test
    void aSecondHangUpOfTheSameCallIsIgnored() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));
        f.acd.answered("c1");
        f.hangUp("c1");
        int mark = f.mark();

        var hangUp = f.hangUp("c1");

        assertThat(f.since(mark)).containsExactly(hangUp);
        assertThat(f.state("agent1")).isEqualTo(WRAP_UP);
    }

    @Test
    void closeStopsFollowingHangUpsAndCancelsTimers() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));
        assertThat(f.scheduler.pending()).isEqualTo(1);

        f.acd.close();
        f.hangUp("c1");

        assertThat(f.scheduler.pending()).isZero();
        assertThat(f.state("agent1")).isEqualTo(RESERVED);
        assertThat(f.events(CallAbandoned.class)).isEmpty();
    }
}
