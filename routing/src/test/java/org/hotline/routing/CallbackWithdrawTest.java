package org.hotline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.platform.routing.AgentState.ON_CALL;
import static org.hotline.platform.routing.AgentState.RESERVED;
import static org.hotline.routing.AcdFixture.call;

import java.time.Duration;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallbackRequested;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.platform.routing.WithdrawOutcome.AgentAlreadyReserved;
import org.hotline.platform.routing.WithdrawOutcome.Withdrawn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A waiting caller leaves the queue with a queue callback arranged: not an abandon, and nobody is left stale. */
class CallbackWithdrawTest {
    private final AcdFixture f = new AcdFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aWaitingCallLeavesItsQueueAsACallbackNotAnAbandon() throws Exception {
        WaitingCall c1 = f.queued(call("c1", "support", 0));
        WaitingCall c2 = f.queued(call("c2", "support", 0));
        var queuedAt = f.events.getFirst().at();
        f.clock.advance(Duration.ofSeconds(75));

        assertThat(f.acd.withdraw("c1", 7L)).isEqualTo(new Withdrawn("c1", 7L));

        assertThat(f.events(CallbackRequested.class)).containsExactly(
                new CallbackRequested("c1", "support", Duration.ofSeconds(75), 7L, queuedAt.plusSeconds(75)));
        assertThat(c1.position()).isZero();
        assertThat(c1.awaitReservation(Duration.ZERO)).isEmpty();
        assertThat(c2.position()).as("the caller behind moves up").isEqualTo(1);

        f.hangUp("c1");
        assertThat(f.events(CallAbandoned.class)).as("its hang-up afterwards is no abandon").isEmpty();

        f.ready("agent1", "support");
        assertThat(f.snapshot("agent1").callId()).isEqualTo("c2");
    }

    @Test
    void aCallAlreadyRingingAnAgentStaysAndIsConnectedInstead() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));
        assertThat(f.state("agent1")).isEqualTo(RESERVED);

        assertThat(f.acd.withdraw("c1", 7L)).isEqualTo(new AgentAlreadyReserved(
                new Reservation("c1", "agent1", "dev-agent1", AcdFixture.RING_TIMEOUT)));

        assertThat(f.events(CallbackRequested.class)).isEmpty();
        f.acd.answered("c1");
        assertThat(f.state("agent1")).isEqualTo(ON_CALL);
    }
}
