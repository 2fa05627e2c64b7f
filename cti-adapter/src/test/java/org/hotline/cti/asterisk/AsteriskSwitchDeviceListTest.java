package org.hotline.cti.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotline.cti.asterisk.agi.AgiServerConfig;
import org.hotline.cti.asterisk.ami.AmiLinkState;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.event.LocalEventBus;
import org.junit.jupiter.api.Test;

/** The switch port on Asterisk answers {@code deviceAvailable} for a desk phone and its browser twin as a list. */
class AsteriskSwitchDeviceListTest {
    @Test
    void aDeviceListIsAvailableWhileAnyOfItsPhonesIsReachable() throws Exception {
        try (FakeAsteriskAmi ami = new FakeAsteriskAmi("hotline", "s3cr3t-Ami-Pass")) {
            Map<String, String> states = new LinkedHashMap<>();
            states.put("PJSIP/1001", "UNAVAILABLE");
            states.put("PJSIP/webrtc1001", "NOT_INUSE");
            ami.devices(states);
            try (AsteriskSwitch sw = new AsteriskSwitch(AgiServerConfig.of("127.0.0.1", 0),
                    List.of(ami.config("pbx1")), new LocalEventBus(), Clock.systemUTC())) {
                sw.start();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> sw.amiLinks().get("pbx1") == AmiLinkState.CONNECTED);

                assertThat(sw.deviceAvailable("PJSIP/1001")).isFalse();
                assertThat(sw.deviceAvailable("PJSIP/1001&PJSIP/webrtc1001")).isTrue();

                ami.session(Duration.ofSeconds(5)).send("Event: DeviceStateChange", "Privilege: call,all",
                        "Device: PJSIP/webrtc1001", "State: UNAVAILABLE");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> !sw.deviceAvailable("PJSIP/1001&PJSIP/webrtc1001"));
            }
        }
    }
}
