package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.telephony.DeviceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Phones' device states: the resync list at login, live changes, the mapping and who may be READY. */
class DeviceStateTest {
    @ParameterizedTest
    @CsvSource({"NOT_INUSE, AVAILABLE, true", "INUSE, IN_USE, true", "BUSY, IN_USE, true", "RINGING, RINGING, true",
            "RINGINUSE, RINGING, true", "ONHOLD, ON_HOLD, true", "UNAVAILABLE, UNAVAILABLE, false",
            "INVALID, UNAVAILABLE, false", "UNKNOWN, UNKNOWN, true"})
    void asterisksStatesMapOntoThePlatformsAndDecideAvailability(String asterisk, DeviceState platform,
                                                                  boolean available) throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            FakeAsteriskAmi.Session session = f.session();
            session.send("Event: DeviceStateChange", "Privilege: call,all", "Device: PJSIP/1001", "State: " + asterisk);
            f.drain(session);
            assertThat(f.phoneStates()).singleElement().satisfies(d -> {
                assertThat(d.device()).isEqualTo("PJSIP/1001");
                assertThat(d.state()).isEqualTo(platform);
            });
            assertThat(f.gateway.deviceAvailable("PJSIP/1001")).isEqualTo(available);
        }
    }

    @Test
    void theListAtLoginGivesThePhonesStatesAndOnlyPhonesArePublished() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            Map<String, String> list = new LinkedHashMap<>();
            list.put("PJSIP/1001", "NOT_INUSE");
            list.put("PJSIP/1002", "UNAVAILABLE");
            list.put("Local/5000@hotline", "INUSE");   // a Local channel: changes with every call, of no use
            list.put("Queue:support", "NOT_INUSE");    // a queue's pseudo device
            f.fake().devices(list);
            f.connected();

            assertThat(f.phoneStates()).extracting(DeviceStateChanged::device, DeviceStateChanged::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PJSIP/1001", DeviceState.AVAILABLE),
                            org.assertj.core.groups.Tuple.tuple("PJSIP/1002", DeviceState.UNAVAILABLE));
            assertThat(f.gateway.deviceAvailable("PJSIP/1001")).isTrue();
            assertThat(f.gateway.deviceAvailable("PJSIP/1002")).isFalse(); // offline: the agent cannot be READY
            assertThat(f.gateway.deviceAvailable("PJSIP/1009")).isFalse(); // unknown to Asterisk: neither
        }
    }

    @Test
    void repeatedStatesArePublishedOnceAndUnknownStateNamesCountAsUnknown() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            FakeAsteriskAmi.Session session = f.session();
            for (String state : new String[] {"INUSE", "INUSE", "INUSE", "NOT_INUSE", "SPLENDID"}) {
                session.send("Event: DeviceStateChange", "Privilege: call,all", "Device: PJSIP/1001",
                        "State: " + state);
            }
            f.drain(session);
            assertThat(f.phoneStates()).extracting(DeviceStateChanged::state)
                    .containsExactly(DeviceState.IN_USE, DeviceState.AVAILABLE, DeviceState.UNKNOWN);
        }
    }

    @Test
    void beforeAnyConnectionNoPhoneIsAvailable() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            f.fake().refuse(true);
            f.gateway.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> f.fake().connections() >= 1);
            assertThat(f.gateway.deviceAvailable("PJSIP/1001")).isFalse();
        }
    }

    @Test
    void aResyncForgetsPhonesTheServerNoLongerListsAndKeepsTheLastStatesWhileReconnecting() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            f.fake().devices(Map.of("PJSIP/1001", "NOT_INUSE", "PJSIP/1002", "NOT_INUSE"));
            f.connected();
            f.fake().refuse(true);
            f.fake().dropAll();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> f.gateway.links().get("pbx1") == AmiLinkState.RECONNECTING);
            assertThat(f.gateway.deviceAvailable("PJSIP/1001")).isTrue(); // the last state reported stays valid

            f.fake().devices(Map.of("PJSIP/1002", "INUSE"));
            f.fake().refuse(false);
            f.awaitConnected();
            assertThat(f.gateway.deviceAvailable("PJSIP/1001")).isFalse(); // removed from Asterisk meanwhile
            assertThat(f.phoneStates()).extracting(DeviceStateChanged::device, DeviceStateChanged::state)
                    .contains(org.assertj.core.groups.Tuple.tuple("PJSIP/1002", DeviceState.IN_USE),
                            org.assertj.core.groups.Tuple.tuple("PJSIP/1001", DeviceState.UNKNOWN));
        }
    }
}
