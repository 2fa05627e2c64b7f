package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.AsteriskSwitch;
import org.hotline.cti.asterisk.agi.AgiServerConfig;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.telephony.Originate.OriginateRequest;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.platform.telephony.SwitchResult;
import org.hotline.platform.telephony.SwitchResult.Refusal;
import org.junit.jupiter.api.Test;

/**
 * Asterisk through its capability ports, over the AMI fake replaying real captures: every port answers Done or
 * Refused (unknown call, not now, Asterisk's own error, no server reachable) in Asterisk's words, never an exception,
 * and the console's Answer is ruled out up front.
 */
class AsteriskPortsTest {

    /** An {@link AsteriskSwitch} on one AMI fake (FastAGI on a free loopback port), with what it publishes. */
    private static final class Rig implements AutoCloseable {
        final FakeAsteriskAmi fake = new FakeAsteriskAmi(AmiFixture.USER, AmiFixture.SECRET);
        final LocalEventBus bus = new LocalEventBus();
        final List<HotlineEvent> published = new CopyOnWriteArrayList<>();
        final AsteriskCalls calls = new AsteriskCalls();
        final AsteriskSwitch sw;
        final SwitchPorts ports;
        private final AtomicInteger barriers = new AtomicInteger();

        Rig(Map<String, String> phones) throws IOException {
            fake.devices(phones);
            bus.subscribe(HotlineEvent.class, published::add);
            sw = new AsteriskSwitch(AgiServerConfig.of("127.0.0.1", 0), List.of(fake.config("pbx1")), bus,
                    AmiFixture.CLOCK, calls, AmiFixture.testOptions());
            ports = sw.ports();
        }

        Rig connected() {
            sw.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> sw.amiLinks().get("pbx1") == AmiLinkState.CONNECTED);
            return this;
        }

        /** Waits until the switch has handled everything {@code session} sent so far (see AmiFixture.drain). */
        void drain(FakeAsteriskAmi.Session session) throws IOException {
            String device = "PJSIP/barrier-" + barriers.incrementAndGet();
            session.send("Event: DeviceStateChange", "Privilege: call,all", "Device: " + device, "State: NOT_INUSE");
            await().atMost(Duration.ofSeconds(10)).until(() -> published.stream()
                    .anyMatch(e -> e instanceof DeviceStateChanged d && d.device().equals(device)));
        }

        @Override
        public void close() throws IOException {
            sw.close();
            fake.close();
        }
    }

    private static void refused(SwitchResult<?> result, Refusal why, String words) {
        assertThat(result).isInstanceOfSatisfying(SwitchResult.Refused.class, r -> {
            assertThat(r.why()).isEqualTo(why);
            assertThat(r.message()).contains(words);
        });
    }

    @Test
    void theConsolesAnswerIsRuledOutUpFrontAndRefusedWithoutAskingAsterisk() throws Exception {
        try (Rig rig = new Rig(Map.of("PJSIP/1001", "RINGING")).connected()) {
            assertThat(rig.ports.capabilities().answerFromConsole()).isFalse();
            assertThat(rig.ports.capabilities().hold()).isTrue();
            assertThat(rig.ports.capabilities().originate()).isTrue();
            assertThat(rig.ports.capabilities().supervision()).isTrue();

            refused(rig.ports.control().answer("PJSIP/1001"), Refusal.NOT_NOW, "answer the call on the phone PJSIP/1001");
            assertThat(rig.fake.actions()).extracting(FakeAsteriskAmi.Action::name)
                    .doesNotContain("Answer", "Originate", "Redirect");
        }
    }

    @Test
    void holdingACallThatHungUpIsRefusedAsNoSuchCall() throws Exception {
        try (Rig rig = new Rig(Map.of()).connected()) {
            rig.calls.track(QueueCallTest.BOB, QueueCallTest.BOB_CHANNEL);
            FakeAsteriskAmi.Session session = rig.fake.session(Duration.ofSeconds(5));
            List<AmiCapture.Block> blocks = AmiCapture.load("ami-queue-answered.txt").afterLogin();
            int agentHangsUp = TransferAndHoldTest.indexOfEvent(blocks, "AgentComplete");
            session.replay(blocks.subList(0, TransferAndHoldTest.indexOfEvent(blocks, "AgentCalled")));
            rig.drain(session);
            refused(rig.ports.control().hold(QueueCallTest.BOB, true), Refusal.NOT_NOW, "not connected");

            session.replay(blocks.subList(TransferAndHoldTest.indexOfEvent(blocks, "AgentCalled"), agentHangsUp));
            rig.drain(session);
            assertThat(rig.ports.control().hold(QueueCallTest.BOB, true).done()).isTrue();
            assertThat(rig.published).filteredOn(CallHoldChanged.class::isInstance).hasSize(1);

            session.replay(blocks.subList(agentHangsUp, blocks.size()));
            rig.drain(session);
            assertThat(rig.published).filteredOn(CallHungUp.class::isInstance).hasSize(1);
            refused(rig.ports.control().hold(QueueCallTest.BOB, false), Refusal.NO_SUCH_CALL, "unknown call");
            refused(rig.ports.control().startRecording(QueueCallTest.BOB), Refusal.NO_SUCH_CALL, "unknown call");
        }
    }

    @Test
    void anOriginatedCallCarriesThePlatformsId() throws Exception {
        try (Rig rig = new Rig(Map.of("PJSIP/1001", "NOT_INUSE")).connected()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> rig.sw.deviceAvailable("PJSIP/1001"));
            String id = rig.ports.originate().newCallId();
            assertThat(id).startsWith("ast-");

            SwitchResult<Void> placed = rig.ports.originate().originate(
                    new OriginateRequest(id, "PJSIP/1001", "13900139000", "Hotline <4000>"));

            assertThat(placed.done()).isTrue();
            assertThat(rig.fake.actions("Originate")).singleElement().satisfies(a -> {
                assertThat(a.get("ChannelId")).isEqualTo(id);
                assertThat(a.get("Channel")).isEqualTo("PJSIP/1001");
                assertThat(a.get("Exten")).isEqualTo("13900139000");
            });
        }
    }

    @Test
    void anOriginateFromAnOfflinePhoneIsNotNowAndOneAsteriskRefusesIsASwitchErrorInItsWords() throws Exception {
        try (Rig rig = new Rig(Map.of("PJSIP/1001", "NOT_INUSE", "PJSIP/1003", "UNAVAILABLE")).connected()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> rig.sw.deviceAvailable("PJSIP/1001"));
            refused(rig.ports.originate().originate(new OriginateRequest(rig.ports.originate().newCallId(),
                    "PJSIP/1003", "100", null)), Refusal.NOT_NOW, "offline");

            rig.fake.respond("Originate", (s, a) -> s.respond(a, "Error", "Message: Permission denied"));
            SwitchResult<Void> result = rig.ports.originate().originate(new OriginateRequest(
                    rig.ports.originate().newCallId(), "PJSIP/1001", "100", null));
            assertThat(result).isEqualTo(SwitchResult.refused(Refusal.SWITCH_ERROR, "Permission denied"));
        }
    }

    @Test
    void aSupervisorIsRefusedWhereTheAgentHasNoCallAndStoppingARecordingThatNeverStartedIsNotNow() throws Exception {
        try (Rig rig = new Rig(Map.of("PJSIP/1001", "NOT_INUSE", "PJSIP/1009", "NOT_INUSE")).connected()) {
            refused(rig.ports.supervision().spy("PJSIP/1009", "PJSIP/1001", SpyMode.LISTEN), Refusal.NOT_NOW,
                    "no call connected on PJSIP/1001");
            refused(rig.ports.control().transfer("ast-nobody", "7000"), Refusal.NO_SUCH_CALL, "unknown call");
            refused(rig.ports.control().hangup("ast-nobody"), Refusal.NO_SUCH_CALL, "unknown call");
        }
    }

    @Test
    void withNoAsteriskServerConnectedEveryRequestIsRefusedAsUnreachable() throws Exception {
        try (Rig rig = new Rig(Map.of("PJSIP/1001", "NOT_INUSE")).connected()) {
            rig.fake.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.sw.amiLinks().get("pbx1") != AmiLinkState.CONNECTED);

            refused(rig.ports.control().hangup("ast-1"), Refusal.UNREACHABLE, "no Asterisk server is connected");
            refused(rig.ports.control().hold("ast-1", true), Refusal.UNREACHABLE, "no Asterisk server is connected");
            refused(rig.ports.originate().originate(new OriginateRequest(rig.ports.originate().newCallId(),
                    "PJSIP/1001", "100", null)), Refusal.UNREACHABLE, "no Asterisk server is connected");
        }
    }
}
