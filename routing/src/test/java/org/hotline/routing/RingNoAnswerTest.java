package org.hotline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.platform.routing.AgentState.NOT_READY;
import static org.hotline.platform.routing.AgentState.RESERVED;
import static org.hotline.routing.AcdFixture.call;

import java.time.Duration;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.CallRingNoAnswer;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.WaitingCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RingNoAnswerTest {
    private final AcdFixture f = new AcdFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void ringNoAnswerSetsTheAgentNotReadyThenOffersTheCallToTheNextAgent() throws Exception {
        f.ready("first", "support");
        f.ready("second", "support");
        WaitingCall c = f.queued(call("c1", "support", 0));
        assertThat(c.awaitReservation(Duration.ZERO)).map(Reservation::agent).contains("first");
        int mark = f.mark();

        f.acd.ringNoAnswer("c1");

        var now = f.snapshot("second").since();
        assertThat(f.since(mark)).containsExactly(
                new CallRingNoAnswer("c1", "support", "first", now),
                new AgentStateChanged("first", NOT_READY, "ring-no-answer", null, now),
                new CallQueued("c1", "support", 0, true, now),
                new CallOffered(f.events(CallOffered.class).getFirst().call(), "second", "dev-second", now),
                new AgentStateChanged("second", RESERVED, null, "c1", now));
        assertThat(c.awaitReservation(Duration.ZERO)).map(Reservation::agent).contains("second");
    }

    @Test
    void theRungOutCallGoesBackToTheHeadOfItsQueue() throws Exception {
        f.ready("first", "support");
        WaitingCall c1 = f.queued(call("c1", "support", 0));
        WaitingCall c2 = f.queued(call("c2", "support", 0));
        WaitingCall c3 = f.queued(call("c3", "support", 0));
        assertThat(c2.position()).isEqualTo(1);

        f.acd.ringNoAnswer("c1");

        assertThat(c1.awaitReservation(Duration.ZERO)).isEmpty();
        assertThat(c1.position()).isEqualTo(1);
        assertThat(c2.position()).isEqualTo(2);
        assertThat(c3.position()).isEqualTo(3);

        f.ready("second", "support");

        assertThat(c1.awaitReservation(Duration.ZERO)).map(Reservation::agent).contains("second");
    }

    @Test
    void aRungOutAgentCanGoReadyAgainAndTakeTheCall() throws Exception {
        f.ready("only", "support");
        WaitingCall c = f.queued(call("c1", "support", 0));
        f.acd.ringNoAnswer("c1");
        assertThat(f.state("only")).isEqualTo(NOT_READY);

        f.acd.ready("only");

        assertThat(c.awaitReservation(Duration.ZERO)).map(Reservation::agent).contains("only");
    }

    @Test
    void anOfferTheIvrNeverReportsOnIsTreatedAsRungOut() throws Exception {
        f.ready("first", "support");
        WaitingCall c = f.queued(call("c1", "support", 0));

        f.scheduler.advance(AcdFixture.RING_TIMEOUT);
        assertThat(f.state("first")).as("still within the grace after the ring timeout").isEqualTo(RESERVED);

        f.scheduler.advance(RoutingEngine.RING_GUARD_GRACE);

        assertThat(f.snapshot("first").reason()).isEqualTo("ring-no-answer");
        assertThat(f.events(CallQueued.class)).extracting(CallQueued::requeued).containsExactly(false, true);
        assertThat(c.position()).isEqualTo(1);
    }

    @Test
    void answeringStopsTheRingGuard() {
        f.ready("first", "support");
        f.queued(call("c1", "support", 0));

        f.acd.answered("c1");

        assertThat(f.scheduler.pending()).isZero();
    }
}
