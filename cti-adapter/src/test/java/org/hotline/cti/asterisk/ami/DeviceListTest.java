package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi.Channel;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.telephony.DeviceState;
import org.hotline.platform.telephony.SpyMode;
import org.junit.jupiter.api.Test;

/**
 * An agent's device as a Dial list, a desk phone and its WebRTC browser twin ({@code PJSIP/1001&PJSIP/webrtc1001}):
 * Asterisk reports each phone on its own (DeviceStateList at login, DeviceStateChange live) and lists each channel on
 * its own (CoreShowChannels); the gateway answers for the list.
 */
class DeviceListTest {
    static final String DESK = "PJSIP/1001";
    static final String BROWSER = "PJSIP/webrtc1001";
    static final String TWINS = DESK + "&" + BROWSER;

    private static Map<String, String> states(String... deviceAndState) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < deviceAndState.length; i += 2) {
            m.put(deviceAndState[i], deviceAndState[i + 1]);
        }
        return m;
    }

    private static void change(AmiFixture f, FakeAsteriskAmi.Session session, String device, String state)
            throws Exception {
        session.send("Event: DeviceStateChange", "Privilege: call,all", "Device: " + device, "State: " + state);
        f.drain(session);
    }

    @Test
    void aListIsAvailableWhileAnyOfItsPhonesIsReachableAndNotWhenNoneIs() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            f.fake().devices(states(DESK, "UNAVAILABLE", BROWSER, "NOT_INUSE"));
            f.connected();
            assertThat(f.gateway.deviceAvailable(DESK)).isFalse();
            assertThat(f.gateway.deviceAvailable(TWINS)).as("only the browser twin is registered").isTrue();
            assertThat(f.gateway.deviceAvailable(BROWSER + "&" + DESK)).isTrue();

            FakeAsteriskAmi.Session session = f.session();
            change(f, session, BROWSER, "UNAVAILABLE");
            assertThat(f.gateway.deviceAvailable(TWINS)).as("neither phone is reachable").isFalse();

            change(f, session, DESK, "INUSE");
            assertThat(f.gateway.deviceAvailable(TWINS)).isTrue();

            // each phone is published on its own, never the list
            assertThat(f.phoneStates()).extracting(DeviceStateChanged::device).containsOnly(DESK, BROWSER);
            assertThat(f.phoneStates()).filteredOn(d -> d.device().equals(BROWSER))
                    .extracting(DeviceStateChanged::state)
                    .containsExactly(DeviceState.AVAILABLE, DeviceState.UNAVAILABLE);
            assertThat(f.gateway.deviceAvailable("PJSIP/1009&PJSIP/webrtc1009")).as("unknown to Asterisk").isFalse();
        }
    }

    @Test
    void spyFindsTheAgentsCallOnTheBrowserTwin() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            String bridge = "7d3f0c1e-5a1b-4c2d-9e8f-0a1b2c3d4e5f";
            String other = "0b6a8c2d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
            f.fake().channels(List.of(
                    Channel.of("PJSIP/trunk-00000001", "1795400000.1").bridged(bridge),
                    Channel.of("PJSIP/webrtc1001-00000002", "1795400000.2").bridged(bridge),
                    // another agent's browser, whose name starts like the twin's: not this agent's call
                    Channel.of("PJSIP/trunk-00000003", "1795400000.3").bridged(other),
                    Channel.of("PJSIP/webrtc10010-00000004", "1795400000.4").bridged(other)));
            f.fake().devices(states(DESK, "NOT_INUSE", BROWSER, "INUSE",
                    "PJSIP/2000", "UNAVAILABLE", "PJSIP/webrtc2000", "NOT_INUSE"));
            f.connected();

            String spyId = f.gateway.spy("PJSIP/2000", TWINS, SpyMode.WHISPER);
            assertThat(f.fake().actions("Originate")).singleElement().satisfies(a -> {
                assertThat(a.get("Channel")).isEqualTo("PJSIP/2000");
                assertThat(a.get("Application")).isEqualTo("ChanSpy");
                assertThat(a.get("Data")).isEqualTo("PJSIP/webrtc1001-00000002,qwE");
                assertThat(a.get("CallerID")).isEqualTo("Hotline <webrtc1001>");
                assertThat(a.get("ChannelId")).isEqualTo(spyId);
            });

            // a supervisor with a list too: the phone of it that is reachable rings
            f.gateway.spy("PJSIP/2000&PJSIP/webrtc2000", TWINS, SpyMode.LISTEN);
            assertThat(f.fake().actions("Originate")).last()
                    .satisfies(a -> assertThat(a.get("Channel")).isEqualTo("PJSIP/webrtc2000"));

            assertThatThrownBy(() -> f.gateway.spy("PJSIP/2000", "PJSIP/1002&PJSIP/webrtc1002", SpyMode.LISTEN))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("no call connected on PJSIP/1002&PJSIP/webrtc1002");
        }
    }

    @Test
    void clickToDialRingsTheFirstReachablePhoneOfTheList() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            f.fake().devices(states(DESK, "UNAVAILABLE", BROWSER, "NOT_INUSE"));
            f.connected();

            String id = f.gateway.originate(TWINS, "7000", "Click2Call <1001>");
            assertThat(f.fake().actions("Originate")).singleElement().satisfies(a -> {
                assertThat(a.get("Channel")).as("the desk phone is offline").isEqualTo(BROWSER);
                assertThat(a.get("Exten")).isEqualTo("7000");
                assertThat(a.get("ChannelId")).isEqualTo(id);
            });

            FakeAsteriskAmi.Session session = f.session();
            change(f, session, DESK, "NOT_INUSE");
            f.gateway.originate(TWINS, "7000", null);
            assertThat(f.fake().actions("Originate")).last().as("both reachable: the first listed")
                    .satisfies(a -> assertThat(a.get("Channel")).isEqualTo(DESK));

            change(f, session, DESK, "UNAVAILABLE");
            change(f, session, BROWSER, "UNAVAILABLE");
            assertThatThrownBy(() -> f.gateway.originate(TWINS, "7000", null))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("offline");
            assertThat(f.fake().actions("Originate")).hasSize(2);

            f.gateway.originate("PJSIP/1009&PJSIP/webrtc1009", "7000", null);
            assertThat(f.fake().actions("Originate")).last().as("none reported: the first, Asterisk decides")
                    .satisfies(a -> assertThat(a.get("Channel")).isEqualTo("PJSIP/1009"));
        }
    }

    @Test
    void malformedListsAreRefusedBeforeAnythingIsSent() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            for (String bad : new String[] {"PJSIP/1001&", "&PJSIP/1001", "PJSIP/1001&&PJSIP/webrtc1001",
                    "PJSIP/1001&webrtc1001", "PJSIP/1001,PJSIP/webrtc1001"}) {
                assertThatThrownBy(() -> f.gateway.originate(bad, "7000", null)).as(bad)
                        .isInstanceOf(ValidationException.class);
                assertThatThrownBy(() -> f.gateway.spy("PJSIP/2000", bad, SpyMode.LISTEN)).as(bad)
                        .isInstanceOf(ValidationException.class);
            }
            assertThat(f.fake().actions("Originate")).isEmpty();
        }
    }
}
