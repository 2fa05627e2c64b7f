package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.telephony.DeviceState;
import org.junit.jupiter.api.Test;

/** Two Asterisk servers: device states merge, actions go to the server the call (or the phone) is on. */
class MultiServerTest {
    @Test
    void devicesMergeAcrossServersAndActionsGoWhereTheCallLives() throws Exception {
        try (AmiFixture f = new AmiFixture(2, AmiFixture.testOptions())) {
            FakeAsteriskAmi pbx1 = f.fakes.get(0);
            FakeAsteriskAmi pbx2 = f.fakes.get(1);
            pbx1.devices(Map.of("PJSIP/1001", "UNAVAILABLE")); // endpoint configured there, phone registered on pbx2
            pbx2.devices(Map.of("PJSIP/1001", "NOT_INUSE"));
            f.connected();
            assertThat(f.gateway.links()).containsOnlyKeys("pbx1", "pbx2");
            assertThat(f.gateway.deviceAvailable("PJSIP/1001")).isTrue();
            assertThat(f.phoneStates()).extracting(DeviceStateChanged::state).last().isEqualTo(DeviceState.AVAILABLE);

            // click-to-dial goes to the server the phone is registered on
            f.gateway.originate("PJSIP/1001", "100", null);
            assertThat(pbx2.actions("Originate")).hasSize(1);
            assertThat(pbx1.actions("Originate")).isEmpty();

            // a call on pbx2, connected to an agent there
            f.calls.track("2.10", "PJSIP/trunk-00000010");
            FakeAsteriskAmi.Session s2 = pbx2.session(java.time.Duration.ofSeconds(5));
            s2.send("Event: Newchannel", "Channel: PJSIP/trunk-00000010", "Uniqueid: 2.10", "Context: hotline");
            s2.send("Event: Newchannel", "Channel: PJSIP/1001-00000011", "Uniqueid: 2.11", "Context: from-agents");
            s2.send("Event: BridgeEnter", "BridgeUniqueid: b-1", "BridgeNumChannels: 1",
                    "Channel: PJSIP/1001-00000011", "Uniqueid: 2.11");
            s2.send("Event: BridgeEnter", "BridgeUniqueid: b-1", "BridgeNumChannels: 2",
                    "Channel: PJSIP/trunk-00000010", "Uniqueid: 2.10");
            f.drain(s2);
            f.gateway.hold("2.10", true);
            f.gateway.hangup("2.10");
            assertThat(pbx2.actions("MuteAudio")).hasSize(1);
            assertThat(pbx2.actions("Hangup")).singleElement()
                    .satisfies(a -> assertThat(a.get("Channel")).isEqualTo("PJSIP/trunk-00000010"));
            assertThat(pbx1.actions("Hangup")).isEmpty();

            s2.send("Event: SoftHangupRequest", "Channel: PJSIP/trunk-00000010", "Uniqueid: 2.10", "Cause: 16");
            s2.send("Event: BridgeLeave", "BridgeUniqueid: b-1", "BridgeNumChannels: 1",
                    "Channel: PJSIP/trunk-00000010", "Uniqueid: 2.10");
            s2.send("Event: Hangup", "Channel: PJSIP/trunk-00000010", "Uniqueid: 2.10", "Cause: 16",
                    "Cause-txt: Normal Clearing");
            f.drain(s2);
            assertThat(f.hangups("2.10")).singleElement()
                    .satisfies(h -> assertThat(h.party()).isEqualTo(HangupParty.SYSTEM)); // Hotline hung it up
            assertThat(f.events(CallHungUp.class)).hasSize(1);
        }
    }

    @Test
    void aCallIsNotDeclaredGoneWhileAnotherServerItMayLiveOnIsDown() throws Exception {
        try (AmiFixture f = new AmiFixture(2, AmiFixture.testOptions())) {
            FakeAsteriskAmi pbx2 = f.fakes.get(1);
            pbx2.refuse(true);
            f.gateway.start();
            f.calls.track("x.1", "PJSIP/trunk-00000001"); // maybe on pbx2, which cannot be asked
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> f.gateway.links().get("pbx1") == AmiLinkState.CONNECTED);
            f.drain(f.fakes.get(0).session(java.time.Duration.ofSeconds(5)));
            assertThat(f.hangups("x.1")).isEmpty();

            pbx2.refuse(false); // pbx2 comes up and does not list it either: now it is proven gone
            f.awaitConnected();
            assertThat(f.hangups("x.1")).singleElement()
                    .satisfies(h -> assertThat(h.cause()).isEqualTo(CallTracker.ENDED_WHILE_DISCONNECTED));
        }
    }
}
