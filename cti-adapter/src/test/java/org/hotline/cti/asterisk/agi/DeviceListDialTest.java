package org.hotline.cti.asterisk.agi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An agent's device list goes unchanged into Dial, which rings every member in parallel. */
class DeviceListDialTest {
    @Test
    void aDeskPhoneAndItsBrowserTwinAreDialledTogether() {
        assertThat(AgiCommands.dial("PJSIP/1001&PJSIP/webrtc1001", 15, "1795376215.71"))
                .isEqualTo("EXEC Dial \"PJSIP/1001&PJSIP/webrtc1001,15,tU(hotline-answered^1795376215.71)\"");
    }
}
