package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.junit.jupiter.api.Test;

/** Hold and the transfers, on the real transfer capture (ami-transfer-redirect-blind-atxfer.txt) and the queue call. */
class TransferAndHoldTest {
    /** The three callers of the transfer capture (their queue legs). */
    static final String REDIRECTED = "1795376149.51";
    static final String BLIND = "1795376165.57";
    static final String ATTENDED = "1795376182.63";

    @Test
    void blindAndAttendedTransfersAreSentToTheAgentsChannelAndPublished() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.calls.track(REDIRECTED, "Local/5000@hotline-00000019;2");
            f.calls.track(BLIND, "Local/5000@hotline-0000001c;2");
            f.calls.track(ATTENDED, "Local/5000@hotline-0000001f;2");
            FakeAsteriskAmi.Session session = f.session();
            FakeAsteriskAmi.Script script = session.play(
                    AmiCapture.load("ami-transfer-redirect-blind-atxfer.txt").afterLogin(),
                    Set.of("BlindTransfer", "Atxfer"));

            // (2) the agent sends Erin to 7000 without consulting
            await().atMost(Duration.ofSeconds(10)).until(() -> "BlindTransfer".equals(script.waitingFor()));
            f.drain(session);
            f.gateway.transfer(BLIND, "7000@hotline");
            assertThat(f.fake().actions("BlindTransfer")).singleElement().satisfies(a -> {
                assertThat(a.get("Channel")).isEqualTo("Local/agent2@agents-0000001e;1"); // the agent's leg
                assertThat(a.get("Exten")).isEqualTo("7000");
                assertThat(a.get("Context")).isEqualTo("hotline");
            });

            // (3) the agent consults 7001, then hangs up to complete
            await().atMost(Duration.ofSeconds(10)).until(() -> "Atxfer".equals(script.waitingFor()));
            f.drain(session);
            f.gateway.attendedTransfer(ATTENDED, "7001@hotline");
            assertThat(f.fake().actions("Atxfer")).singleElement().satisfies(a -> {
                assertThat(a.get("Channel")).isEqualTo("Local/agent2@agents-00000021;1");
                assertThat(a.get("Exten")).isEqualTo("7001");
            });
            script.await(Duration.ofSeconds(10));
            f.drain(session);

            assertThat(f.featureEvents(BLIND)).satisfiesExactly(
                    e -> assertThat(e).isEqualTo(new CallTransferred(BLIND, TransferKind.BLIND, "7000@hotline",
                            e.at())),
                    e -> assertThat(e).isInstanceOfSatisfying(CallHungUp.class,
                            h -> assertThat(h.party()).isEqualTo(HangupParty.SYSTEM))); // the dialplan at 7000 ended it
            assertThat(f.featureEvents(ATTENDED)).satisfiesExactly(
                    e -> assertThat(e).isEqualTo(new CallHoldChanged(ATTENDED, true, e.at())),  // Atxfer holds Frank
                    e -> assertThat(e).isEqualTo(new CallHoldChanged(ATTENDED, false, e.at())), // merged with 7001
                    e -> assertThat(e).isEqualTo(new CallTransferred(ATTENDED, TransferKind.ATTENDED, "7001@hotline",
                            e.at())),
                    e -> assertThat(e).isInstanceOfSatisfying(CallHungUp.class, h -> {
                        assertThat(h.party()).isEqualTo(HangupParty.SYSTEM); // "channel request hangup all"
                        assertThat(h.cause()).isEqualTo("normal");
                    }));
            // (1) a Redirect by another AMI client: no transfer event exists for it; the call just ends later
            assertThat(f.featureEvents(REDIRECTED)).singleElement().isInstanceOf(CallHungUp.class);
        }
    }

    @Test
    void holdMutesTheCallersChannelAndIsPublishedOncePerChange() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.calls.track(QueueCallTest.BOB, QueueCallTest.BOB_CHANNEL);
            FakeAsteriskAmi.Session session = f.session();
            List<AmiCapture.Block> blocks = AmiCapture.load("ami-queue-answered.txt").afterLogin();
            int agentHangsUp = indexOfEvent(blocks, "AgentComplete");

            session.replay(blocks.subList(0, indexOfEvent(blocks, "AgentCalled")));
            f.drain(session);
            assertThatThrownBy(() -> f.gateway.hold(QueueCallTest.BOB, true)) // still queued: nobody to hold for
                    .isInstanceOf(ConflictException.class).hasMessageContaining("not connected");

            session.replay(blocks.subList(indexOfEvent(blocks, "AgentCalled"), agentHangsUp));
            f.drain(session);
            f.gateway.hold(QueueCallTest.BOB, true);
            f.gateway.hold(QueueCallTest.BOB, true); // twice: Asterisk is told again, the platform hears it once
            f.gateway.hold(QueueCallTest.BOB, false);
            assertThat(f.fake().actions("MuteAudio")).extracting(a -> a.get("Channel"), a -> a.get("Direction"),
                    a -> a.get("State")).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(QueueCallTest.BOB_CHANNEL, "all", "on"),
                    org.assertj.core.groups.Tuple.tuple(QueueCallTest.BOB_CHANNEL, "all", "on"),
                    org.assertj.core.groups.Tuple.tuple(QueueCallTest.BOB_CHANNEL, "all", "off"));

            session.replay(blocks.subList(agentHangsUp, blocks.size()));
            f.drain(session);
            assertThat(f.featureEvents(QueueCallTest.BOB)).satisfiesExactly(
                    e -> assertThat(e).isEqualTo(new CallHoldChanged(QueueCallTest.BOB, true, e.at())),
                    e -> assertThat(e).isEqualTo(new CallHoldChanged(QueueCallTest.BOB, false, e.at())),
                    e -> assertThat(e).isInstanceOfSatisfying(CallHungUp.class,
                            h -> assertThat(h.party()).isEqualTo(HangupParty.AGENT)));
        }
    }

    @Test
    void aHoldPressedOnTheAgentsPhoneIsFollowed() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.calls.track(QueueCallTest.BOB, QueueCallTest.BOB_CHANNEL);
            FakeAsteriskAmi.Session session = f.session();
            List<AmiCapture.Block> blocks = AmiCapture.load("ami-queue-answered.txt").afterLogin();
            session.replay(blocks.subList(0, indexOfEvent(blocks, "AgentComplete")));
            String agentLeg = "Local/agent2@agents-00000003;1";
            session.send("Event: Hold", "Privilege: call,all", "Channel: " + agentLeg, "Uniqueid: 1795375949.6",
                    "MusicClass: default");
            session.send("Event: MusicOnHoldStart", "Privilege: call,all", "Channel: " + QueueCallTest.BOB_CHANNEL,
                    "Uniqueid: " + QueueCallTest.BOB, "Class: default");
            session.send("Event: MusicOnHoldStop", "Privilege: call,all", "Channel: " + QueueCallTest.BOB_CHANNEL,
                    "Uniqueid: " + QueueCallTest.BOB);
            session.send("Event: Unhold", "Privilege: call,all", "Channel: " + agentLeg, "Uniqueid: 1795375949.6");
            f.drain(session);

            assertThat(f.events(CallHoldChanged.class)).extracting(CallHoldChanged::onHold)
                    .containsExactly(true, false);
        }
    }

    @Test
    void transfersNeedAKnownConnectedCallAndAValidTarget() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            assertThatThrownBy(() -> f.gateway.transfer("no-such-call", "1002"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> f.gateway.attendedTransfer("no-such-call", "1002"))
                    .isInstanceOf(NotFoundException.class);
            f.calls.track("ivr.1", "PJSIP/trunk-00000001");
            FakeAsteriskAmi.Session session = f.session();
            session.send("Event: Newchannel", "Privilege: call,all", "Channel: PJSIP/trunk-00000001",
                    "Uniqueid: ivr.1", "Context: hotline", "Exten: 4000");
            f.drain(session);
            assertThatThrownBy(() -> f.gateway.transfer("ivr.1", "1002"))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("not connected to an agent");
            assertThatThrownBy(() -> f.gateway.transfer("ivr.1", "10 02; Hangup"))
                    .isInstanceOf(org.hotline.platform.error.ValidationException.class);
            assertThat(f.fake().actions("BlindTransfer")).isEmpty();
        }
    }

    @Test
    void aRefusedTransferCarriesAsterisksMessage() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.calls.track(QueueCallTest.BOB, QueueCallTest.BOB_CHANNEL);
            f.fake().respond("BlindTransfer", (s, a) -> s.respond(a, "Error", "Message: Transfer not permitted"));
            FakeAsteriskAmi.Session session = f.session();
            List<AmiCapture.Block> blocks = AmiCapture.load("ami-queue-answered.txt").afterLogin();
            session.replay(blocks.subList(0, indexOfEvent(blocks, "AgentComplete")));
            f.drain(session);

            assertThatThrownBy(() -> f.gateway.transfer(QueueCallTest.BOB, "PJSIP/1002"))
                    .isInstanceOf(ConflictException.class).hasMessage("Transfer not permitted");
            assertThat(f.fake().actions("BlindTransfer")).singleElement().satisfies(a -> {
                assertThat(a.get("Exten")).isEqualTo("1002"); // a phone is dialled by its extension...
                assertThat(a.get("Context")).isEqualTo("from-agents"); // ...in the dial context
            });
            assertThat(f.events(CallTransferred.class)).isEmpty();
        }
    }

    static int indexOfEvent(List<AmiCapture.Block> blocks, String event) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).isEvent(event)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no " + event);
    }
}
