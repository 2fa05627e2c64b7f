package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.hotline.platform.telephony.CallerHangupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgiServerReadTimeoutTest {
    private final AgiServerFixture fx = new AgiServerFixture(Duration.ofSeconds(1));

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void anAsteriskThatStopsAnsweringEndsTheCallAfterTheReadTimeout() throws Exception {
        fx.onCall(channel -> {
            channel.answer();
            try {
                channel.waitForDigit(Duration.ZERO);
            } catch (CallerHangupException e) {
                fx.seen.put("hang-up", e.getMessage());
            }
        });

        ScriptedCall call = fx.finished(CallerPlan.caller("1795376600.1").silentFrom(2).build());

        assertThat(fx.seen).containsEntry("hang-up", "caller hung up: " + fx.platformId("1795376600.1"));
        assertThat(call.commands()).startsWith("ANSWER", "WAIT FOR DIGIT 0");
        assertThat(call.endedByPlatform()).isTrue();
        assertThat(fx.logs.warnings()).anySatisfy(w -> assertThat(w).contains(fx.platformId("1795376600.1"), "no reply from Asterisk"));
        assertThat(fx.logs.errors()).isEmpty();
        fx.awaitIdle();
    }
}
