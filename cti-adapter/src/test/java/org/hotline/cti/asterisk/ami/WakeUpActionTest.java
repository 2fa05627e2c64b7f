package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.hotline.cti.asterisk.ChannelWakeUps;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.junit.jupiter.api.Test;

/**
 * The AMI side's wake-up of a waiting FastAGI session: {@code PlayDTMF} with {@code Receive: true} of
 * {@link ChannelWakeUps#KEY} on the session's channel, and no wake-up offered while no server is connected.
 */
class WakeUpActionTest {

    @Test
    void aWakeUpQueuesTheWakeKeyOnTheCallersChannelAsIfTheCallerHadPressedIt() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            ChannelWakeUps wakeUps = f.gateway.wakeUps();
            assertThat(wakeUps.available()).isTrue();

            wakeUps.wake("1795376400.1", "PJSIP/trunk-0000001a");

            await().atMost(Duration.ofSeconds(5)).until(() -> !f.fake().actions("PlayDTMF").isEmpty());
            FakeAsteriskAmi.Action a = f.fake().actions("PlayDTMF").getFirst();
            assertThat(a.get("Channel")).isEqualTo("PJSIP/trunk-0000001a");
            assertThat(a.get("Digit")).isEqualTo("D");
            assertThat(a.get("Receive")).isEqualToIgnoringCase("true");
        }
    }

    @Test
    void noWakeUpIsOfferedWhileNoServerIsConnected() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.fake().refuse(true);
            f.fake().dropAll();

            await().atMost(Duration.ofSeconds(5)).until(() -> !f.gateway.wakeUps().available());
            f.gateway.wakeUps().wake("1795376400.1", "PJSIP/trunk-0000001a"); // logged, not thrown
        }
    }
}
