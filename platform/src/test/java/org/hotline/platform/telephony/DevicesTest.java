package org.hotline.platform.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DevicesTest {

    @Test
    void aSingleDeviceIsAListOfOne() {
        assertThat(Devices.members("PJSIP/1001")).containsExactly("PJSIP/1001");
        assertThat(Devices.contains("PJSIP/1001", "PJSIP/1001")).isTrue();
        assertThat(Devices.contains("PJSIP/1001", "PJSIP/1002")).isFalse();
    }

    @Test
    void aDialListHasItsMembersInTheOrderListedTrimmed() {
        assertThat(Devices.members("PJSIP/1001&PJSIP/webrtc1001"))
                .containsExactly("PJSIP/1001", "PJSIP/webrtc1001");
        assertThat(Devices.members(" PJSIP/1001 & PJSIP/webrtc1001 & SIP/7 "))
                .containsExactly("PJSIP/1001", "PJSIP/webrtc1001", "SIP/7");
    }

    @Test
    void emptyMembersAreKeptSoThatValidationSeesThem() {
        assertThat(Devices.members("PJSIP/1001&")).containsExactly("PJSIP/1001", "");
        assertThat(Devices.members("&&")).containsExactly("", "", "");
    }

    @Test
    void nullAndBlankHaveNoMembers() {
        assertThat(Devices.members(null)).isEmpty();
        assertThat(Devices.members("  ")).isEmpty();
        assertThat(Devices.contains(null, "PJSIP/1001")).isFalse();
        assertThat(Devices.contains("PJSIP/1001", null)).isFalse();
        assertThat(Devices.contains("PJSIP/1001&", "")).as("an empty member is never a device").isFalse();
    }

    @Test
    void containsMatchesWholeMembersExactly() {
        String twins = "PJSIP/1001&PJSIP/webrtc1001";
        assertThat(Devices.contains(twins, "PJSIP/1001")).isTrue();
        assertThat(Devices.contains(twins, "PJSIP/webrtc1001")).isTrue();
        assertThat(Devices.contains(twins, "PJSIP/100")).as("not a prefix match").isFalse();
        assertThat(Devices.contains(twins, "PJSIP/webrtc1001&PJSIP/1001")).isFalse();
        assertThat(Devices.contains(twins, "pjsip/1001")).as("exact, like device names everywhere else").isFalse();
        assertThat(Devices.contains(" PJSIP/1001 ", "PJSIP/1001")).isTrue();
    }
}
