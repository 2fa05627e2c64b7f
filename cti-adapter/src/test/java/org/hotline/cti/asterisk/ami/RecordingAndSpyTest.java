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
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.telephony.SpyMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MixMonitor and ChanSpy, on the real capture ami-chanspy-mixmonitor.txt (Grace's call, answered by Agent Two). */
class RecordingAndSpyTest {
    static final String GRACE = "1795376096.43";
    static final String GRACE_CHANNEL = "Local/5000@hotline-00000015;2";
    static final String AGENT_LEG = "Local/agent2@agents-00000017;1";

    @Test
    void recordingStartAndStopArePublishedWithTheFileAskedForAndASecondStopIsAConflict() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.calls.track(GRACE, GRACE_CHANNEL);
            FakeAsteriskAmi.Session session = f.session();
            FakeAsteriskAmi.Script script = session.play(AmiCapture.load("ami-chanspy-mixmonitor.txt").afterLogin(),
                    Set.of("MixMonitor", "StopMixMonitor"));

            await().atMost(Duration.ofSeconds(10)).until(() -> "MixMonitor".equals(script.waitingFor()));
            f.drain(session);
            String file = f.gateway.startRecording(GRACE);
            assertThat(file).isEqualTo("hotline/20261123/" + GRACE + ".wav"); // the day of the gateway's clock
            assertThat(f.fake().actions("MixMonitor")).singleElement().satisfies(a -> {
                assertThat(a.get("Channel")).isEqualTo(GRACE_CHANNEL); // the caller's channel
                assertThat(a.get("File")).isEqualTo(file);
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> "StopMixMonitor".equals(script.waitingFor()));
            f.drain(session);
            assertThatThrownBy(() -> f.gateway.startRecording(GRACE)) // MixMonitorStart was seen
                    .isInstanceOf(ConflictException.class).hasMessageContaining("already being recorded");
            assertThat(f.fake().actions("MixMonitor")).hasSize(1);
            f.gateway.stopRecording(GRACE);

            await().atMost(Duration.ofSeconds(10)).until(() -> "StopMixMonitor".equals(script.waitingFor()));
            f.drain(session);
            assertThatThrownBy(() -> f.gateway.stopRecording(GRACE))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("not being recorded")
                    .hasMessageContaining("Could not stop monitoring channel"); // Asterisk's own words

            script.await(Duration.ofSeconds(10));
            f.drain(session);
            assertThat(f.featureEvents(GRACE)).satisfiesExactly(
                    e -> assertThat(e).isEqualTo(new RecordingChanged(GRACE, true, file, e.at())),
                    e -> assertThat(e).isEqualTo(new RecordingChanged(GRACE, false, file, e.at())),
                    e -> assertThat(e).isInstanceOfSatisfying(CallHungUp.class,
                            h -> assertThat(h.party()).isEqualTo(HangupParty.AGENT)));
        }
    }

    @Test
    void aRecordingStillRunningWhenTheCallEndsStopsBeforeTheHangUp() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.calls.track(GRACE, GRACE_CHANNEL);
            FakeAsteriskAmi.Session session = f.session();
            List<AmiCapture.Block> blocks = AmiCapture.load("ami-chanspy-mixmonitor.txt").afterLogin();
            int start = TransferAndHoldTest.indexOfEvent(blocks, "MixMonitorStart");
            session.replay(blocks.subList(0, start));
            f.drain(session);
            String file = f.gateway.startRecording(GRACE);
            session.replay(blocks.subList(start, start + 1)); // MixMonitorStart
            session.replay(blocks.subList(TransferAndHoldTest.indexOfEvent(blocks, "ChanSpyStop"), blocks.size()));
            f.drain(session);

            assertThat(f.featureEvents(GRACE)).extracting(e -> e.getClass().getSimpleName())
                    .containsExactly("RecordingChanged", "RecordingChanged", "CallHungUp");
            assertThat(f.events(RecordingChanged.class)).extracting(RecordingChanged::recording, RecordingChanged::file)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(true, file),
                            org.assertj.core.groups.Tuple.tuple(false, file));
        }
    }

    @ParameterizedTest
    @CsvSource({"LISTEN, qE", "WHISPER, qwE", "BARGE, qBE"})
    void spyOriginatesTheSupervisorsPhoneIntoChanSpyOfTheAgentsChannel(SpyMode mode, String options) throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            FakeAsteriskAmi.Session session = f.session();
            List<AmiCapture.Block> blocks = AmiCapture.load("ami-chanspy-mixmonitor.txt").afterLogin();
            session.replay(blocks.subList(0, TransferAndHoldTest.indexOfEvent(blocks, "MixMonitorStart")));
            f.drain(session);

            String spyId = f.gateway.spy("PJSIP/2000", "Local/agent2@agents", mode);

            assertThat(f.fake().actions("Originate")).singleElement().satisfies(a -> {
                assertThat(a.get("Channel")).isEqualTo("PJSIP/2000");
                assertThat(a.get("Application")).isEqualTo("ChanSpy");
                assertThat(a.get("Data")).isEqualTo(AGENT_LEG + "," + options);
                assertThat(a.get("Async")).isEqualTo("true");
                assertThat(a.get("ChannelId")).isEqualTo(spyId);
            });
            // the supervisor answers; hanging up the returned id ends the spy call
            session.send("Event: Newchannel", "Privilege: call,all", "Channel: PJSIP/2000-00000009",
                    "Uniqueid: " + spyId, "Context: default", "Exten: s");
            f.drain(session);
            f.gateway.hangup(spyId);
            assertThat(f.fake().actions("Hangup")).singleElement()
                    .satisfies(a -> assertThat(a.get("Channel")).isEqualTo("PJSIP/2000-00000009"));
            session.send("Event: Hangup", "Privilege: call,all", "Channel: PJSIP/2000-00000009", "Uniqueid: " + spyId,
                    "Cause: 16", "Cause-txt: Normal Clearing");
            f.drain(session);
            assertThat(f.events(CallHungUp.class)).isEmpty(); // a spy leg is not a platform call
        }
    }

    @Test
    void spyingOnAnAgentWithoutACallIsAConflict() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            assertThatThrownBy(() -> f.gateway.spy("PJSIP/2000", "PJSIP/1001", SpyMode.LISTEN))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("no call connected on PJSIP/1001");
            assertThat(f.fake().actions("Originate")).isEmpty();
        }
    }
}
