package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi.Channel;
import org.hotline.platform.call.OpenCall;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.telephony.CallRecovery.Followed;
import org.hotline.platform.telephony.CallRecovery.Gone;
import org.hotline.platform.telephony.CallRecovery.InFallback;
import org.hotline.platform.telephony.CallRecovery.Recovered;
import org.junit.jupiter.api.Test;

/**
 * Calls whose records a stopped platform left open, looked for on Asterisk by the first resync after the restart
 * (CoreShowChannels, by the uniqueid stored with the record) and followed to their end under their platform ids.
 */
class OpenCallRecoveryTest {
    private static final Instant ARRIVED = Instant.parse("2026-11-23T09:20:00Z");
    /** Bob talked to Agent Two when the platform stopped (ami-queue-answered.txt). */
    private static final OpenCall BOB = new OpenCall("ast-mi7x2k9c80000-4f9zq0d1ke", QueueCallTest.BOB, ARRIVED);
    /** Gone: hung up while the platform was down. */
    private static final OpenCall DAN = new OpenCall("ast-mi7x2k9c80001-4f9zq0d1ke", "1795375000.4", ARRIVED);
    /** His IVR died with the platform: the dialplan sent him to the fallback queue. */
    private static final OpenCall EVE = new OpenCall("ast-mi7x2k9c80002-4f9zq0d1ke", "1795375990.1", ARRIVED);
    private static final String EVE_CHANNEL = "PJSIP/trunk-00000040";
    private static final String BRIDGE = "36f35d4f-b0ef-41fb-a7cf-f2e4db5d8bca";

    private final List<Recovered> answers = new CopyOnWriteArrayList<>();

    private static void liveOnAsterisk(AmiFixture f) {
        f.fake().channels(List.of(Channel.of("Local/5000@hotline-00000001;1", "1795375943.2"),
                Channel.of(QueueCallTest.BOB_CHANNEL, QueueCallTest.BOB).bridged(BRIDGE),
                Channel.of("Local/agent2@agents-00000003;1", "1795375949.6").bridged(BRIDGE),
                Channel.of("Local/agent2@agents-00000003;2", "1795375949.7"),
                Channel.of(EVE_CHANNEL, EVE.switchCallId()).running("Queue", "hotline-fallback,t,,,300")));
    }

    @Test
    void theFirstResyncSortsTheOpenCallsIntoFollowedInTheFallbackQueueAndGone() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            liveOnAsterisk(f);
            f.gateway.recover(List.of(BOB, DAN, EVE), answers::add);
            f.connected();

            await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() == 3);
            assertThat(answers).containsExactlyInAnyOrder(new Followed(BOB.callId()), new Gone(DAN.callId()),
                    new InFallback(EVE.callId()));
            assertThat(f.calls.callIds()).containsExactlyInAnyOrder(QueueCallTest.BOB, EVE.switchCallId());
            assertThat(f.calls.platformIdOf(QueueCallTest.BOB)).isEqualTo(BOB.callId());
            assertThat(f.published).noneMatch(e -> e instanceof CallHungUp); // nothing ended yet
        }
    }

    @Test
    void aFollowedCallIsEndedByItsHangupUnderItsPlatformIdAndActionsReachItsChannel() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            liveOnAsterisk(f);
            f.gateway.recover(List.of(BOB, EVE), answers::add);
            f.connected();
            await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() == 2);

            // the console still acts on the call by its platform id: the action reaches Bob's channel
            f.gateway.hold(BOB.callId(), true);
            assertThat(f.fake().actions("MuteAudio")).singleElement()
                    .satisfies(a -> assertThat(a.get("Channel")).isEqualTo(QueueCallTest.BOB_CHANNEL));

            // the conversation ends on Asterisk: Agent Two hangs up first, then Bob's channel goes
            FakeAsteriskAmi.Session session = f.session();
            List<AmiCapture.Block> blocks = AmiCapture.load("ami-queue-answered.txt").afterLogin();
            session.replay(blocks.subList(TransferAndHoldTest.indexOfEvent(blocks, "AgentComplete"), blocks.size()));
            session.send("Event: Hangup", "Privilege: call,all", "Channel: " + EVE_CHANNEL,
                    "Uniqueid: " + EVE.switchCallId(), "Linkedid: " + EVE.switchCallId(), "Cause: 16",
                    "Cause-txt: Normal Clearing");
            f.drain(session);

            assertThat(f.hangups(BOB.callId())).singleElement().satisfies(h -> {
                assertThat(h.party()).isEqualTo(HangupParty.AGENT);
                assertThat(h.cause()).isEqualTo("normal");
            });
            assertThat(f.hangups(EVE.callId())).singleElement()
                    .satisfies(h -> assertThat(h.cause()).isEqualTo("normal"));
            assertThat(f.hangups(QueueCallTest.BOB)).isEmpty(); // never published under the uniqueid
            assertThat(f.calls.callIds()).isEmpty();
        }
    }

    @Test
    void withTwoServersACallIsGoneOnlyOnceNeitherListsIt() throws Exception {
        try (AmiFixture f = new AmiFixture(2, AmiFixture.testOptions())) {
            f.fakes.get(1).channels(List.of(Channel.of(EVE_CHANNEL, EVE.switchCallId())));
            f.gateway.recover(List.of(DAN, EVE), answers::add);
            f.connected();

            await().atMost(Duration.ofSeconds(10)).until(() -> answers.size() == 2);
            assertThat(answers).containsExactlyInAnyOrder(new Gone(DAN.callId()), new Followed(EVE.callId()));
        }
    }

    @Test
    void anOpenCallWithoutAStoredUniqueidIsGoneAtOnce() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            OpenCall old = new OpenCall("sim-mi7x2k9c80000-4f9zq0d1ke", null, ARRIVED);
            f.gateway.recover(List.of(old), answers::add);

            await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 1);
            assertThat(answers).containsExactly(new Gone(old.callId()));
        }
    }
}
