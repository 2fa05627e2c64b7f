package org.hotline.app.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import org.hotline.app.config.Settings;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.junit.jupiter.api.Test;

/**
 * The telephony profile chosen from the settings supplies the switch, how a user's phone is named and the switch's
 * health, so that the node's wiring asks no "is this the simulator?".
 */
class TelephonyProfileTest {

    @Test
    void onTheSimulatorAUsersPhoneIsTheConsoleSoftphonePluggedInWhenTheConsoleFirstAsks() throws Exception {
        Settings settings = Settings.from(ConfigFactory.parseString("hotline.telephony = simulator"));
        try (TelephonyProfile profile = TelephonyProfile.of(settings, new LocalEventBus(), Clock.systemUTC())) {
            assertThat(profile).isInstanceOf(SimulatorProfile.class);
            assertThat(profile.ports().capabilities()).isEqualTo(SwitchCapabilities.ALL);
            assertThat(profile.phoneOf("alice")).isEqualTo("console/alice");
            assertThat(profile.ports().presence().deviceAvailable("console/alice")).isFalse();

            assertThat(profile.consolePhoneOf("alice")).isEqualTo("console/alice");
            assertThat(profile.consolePhoneOf("alice")).isEqualTo("console/alice"); // plugged in once

            assertThat(profile.ports().presence().deviceAvailable("console/alice")).isTrue();
            assertThat(profile.health().components()).extracting(ComponentHealth::name).containsExactly("simulator");
        }
    }

    @Test
    void onAsteriskAUsersPhoneIsTheConfiguredOneAndTheConsoleCannotAnswerIt() throws Exception {
        Settings settings = Settings.from(ConfigFactory.parseString("""
                hotline.telephony = asterisk
                hotline.asterisk.agi.port = 0
                hotline.asterisk.agent-devices = "alice=PJSIP/1001&PJSIP/webrtc1001"
                hotline.asterisk.ami = [{name = pbx1, host = "127.0.0.1", port = 1, username = u, secret = s}]
                """));
        try (TelephonyProfile profile = TelephonyProfile.of(settings, new LocalEventBus(), Clock.systemUTC())) {
            assertThat(profile).isInstanceOf(AsteriskProfile.class);
            assertThat(profile.ports().capabilities().answerFromConsole()).isFalse();
            assertThat(profile.phoneOf("alice")).isEqualTo("PJSIP/1001&PJSIP/webrtc1001");
            assertThat(profile.phoneOf("bob")).isEqualTo("PJSIP/bob");
            assertThat(profile.consolePhoneOf("bob")).isEqualTo("PJSIP/bob");
            // not started: no AMI server has reported the phone, so it cannot take calls yet
            assertThat(profile.ports().presence().deviceAvailable("PJSIP/bob")).isFalse();
            assertThat(profile.health().components()).as("the link's part").extracting(ComponentHealth::name)
                    .containsExactly("ami:pbx1");
            assertThat(profile.callServerHealth().components()).as("on every node").extracting(ComponentHealth::name)
                    .containsExactly("fastagi");
        }
    }

}
