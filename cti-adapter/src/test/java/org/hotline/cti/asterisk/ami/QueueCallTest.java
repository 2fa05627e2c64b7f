package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.DialProgress;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.junit.jupiter.api.Test;

/** Replays of the real queue calls (ami-queue-answered.txt, ami-queue-abandon.txt) through the gateway. */
class QueueCallTest {
    /** Bob's queue leg: the channel that runs the hotline dialplan (Local/5000@hotline-00000001;2). */
    static final String BOB = "1795375943.3";
    static final String BOB_CHANNEL = "Local/5000@hotline-00000001;2";

    @Test
    void answeredCallEndsOnceWithTheAgentAsTheOneWhoHungUp() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.calls.track(BOB, BOB_CHANNEL);
            FakeAsteriskAmi.Session session = f.session();
            session.play(AmiCapture.load("ami-queue-answered.txt").afterLogin(), Set.of())
                    .await(Duration.ofSeconds(10));
            f.drain(session);

            List<CallEvent> events = f.callEvents(BOB);
            // the music while queued is no hold; agent1 rings and does not answer (its second DialEnd, CANCEL, is
            // dropped), agent2 answers; then the hang-up
            assertThat(events).hasSize(5);
            assertThat(events.subList(0, 4)).map(e -> (CallDialProgress) e)
                    .extracting(CallDialProgress::destination, CallDialProgress::progress)
                    .containsExactly(tuple("Local/agent1@agents", DialProgress.RINGING),
                            tuple("Local/agent1@agents", DialProgress.NO_ANSWER),
                            tuple("Local/agent2@agents", DialProgress.RINGING),
                            tuple("Local/agent2@agents", DialProgress.ANSWERED));
            CallHungUp end = (CallHungUp) events.getLast();
            assertThat(end.party()).isEqualTo(HangupParty.AGENT); // AgentComplete "Reason: agent"
            assertThat(end.cause()).isEqualTo("normal");           // Cause-txt: Normal Clearing
            assertThat(f.calls.isTracked(BOB)).isFalse();
            assertThat(f.events(CallHungUp.class)).hasSize(1);     // nobody else's channels are reported
        }
    }

    @Test
    void callerAbandoningInTheQueueEndsAsCaller() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            String carol = "1795375969.9";
            f.calls.track(carol, "Local/5001@hotline-00000004;2");
            FakeAsteriskAmi.Session session = f.session();
            session.play(AmiCapture.load("ami-queue-abandon.txt").afterLogin(), Set.of()).await(Duration.ofSeconds(10));
            f.drain(session);

            assertThat(f.callEvents(carol)).map(e -> e instanceof CallDialProgress d
                            ? d.destination() + " " + d.progress() : e.getClass().getSimpleName())
                    .containsExactly("Local/agent1@agents RINGING", "Local/agent1@agents CANCELLED", "CallHungUp");
            assertThat(f.callEvents(carol)).last().isInstanceOfSatisfying(CallHungUp.class, end -> {
                assertThat(end.party()).isEqualTo(HangupParty.CALLER); // HangupRequest: the caller's side hung up
                assertThat(end.cause()).isEqualTo("normal");
            });
        }
    }

    @Test
    void aCallTrackedJustAfterItsHangupWasSeenStillEndsOnce() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            String carol = "1795375969.9";
            FakeAsteriskAmi.Session session = f.session();
            session.play(AmiCapture.load("ami-queue-abandon.txt").afterLogin(), Set.of()).await(Duration.ofSeconds(10));
            f.drain(session);
            assertThat(f.events(CallHungUp.class)).isEmpty();

            f.calls.track(carol, "Local/5001@hotline-00000004;2"); // the FastAGI side was a moment late

            await().atMost(Duration.ofSeconds(5)).until(() -> !f.hangups(carol).isEmpty());
            assertThat(f.hangups(carol)).singleElement()
                    .satisfies(end -> assertThat(end.party()).isEqualTo(HangupParty.CALLER));
            assertThat(f.calls.isTracked(carol)).isFalse();
        }
    }

    @Test
    void aTrackedIvrCallOverSipEndsAsCallerWhenTheCallerHangsUp() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            String sip = "1795376276.75";
            f.calls.track(sip, "SIP/127.0.0.1-00000001");
            FakeAsteriskAmi.Session session = f.session();
            session.play(AmiCapture.load("ami-sip-ivr-call.txt").afterLogin(), Set.of()).await(Duration.ofSeconds(10));
            f.drain(session);

            assertThat(f.hangups(sip)).singleElement().satisfies(end -> {
                assertThat(end.party()).isEqualTo(HangupParty.CALLER); // the SIPp BYE: HangupRequest first
                // the BYE gives SoftHangupRequest Cause 16, then Hangup Cause 0 "Unknown": a normal end
                assertThat(end.cause()).isEqualTo("normal");
            });
        }
    }

    @Test
    void sipQueueCallsEndWithTheAutoAnsweringAgentHangingUp() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.calls.track("1795376308.76", "SIP/127.0.0.1-00000002");
            f.calls.track("1795376309.77", "SIP/127.0.0.1-00000003");
            FakeAsteriskAmi.Session session = f.session();
            session.play(AmiCapture.load("ami-sip-queue-calls.txt").afterLogin(), Set.of())
                    .await(Duration.ofSeconds(10));
            f.drain(session);

            assertThat(f.events(CallHungUp.class)).extracting(CallHungUp::callId, CallHungUp::party)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1795376308.76", HangupParty.AGENT),
                            org.assertj.core.groups.Tuple.tuple("1795376309.77", HangupParty.AGENT));
        }
    }
}
