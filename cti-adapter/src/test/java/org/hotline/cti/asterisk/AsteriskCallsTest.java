package org.hotline.cti.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AsteriskCallsTest {
    private final AsteriskCalls calls = new AsteriskCalls();

    @Test
    void aTrackedCallIsFoundByIdAndByChannelUntilForgotten() {
        calls.track("1795376215.71", "PJSIP/trunk-00000023");
        assertThat(calls.isTracked("1795376215.71")).isTrue();
        assertThat(calls.channelOf("1795376215.71")).contains("PJSIP/trunk-00000023");
        assertThat(calls.callIdOfChannel("PJSIP/trunk-00000023")).contains("1795376215.71");
        calls.forget("1795376215.71");
        assertThat(calls.isTracked("1795376215.71")).isFalse();
        assertThat(calls.callIdOfChannel("PJSIP/trunk-00000023")).isEmpty();
        assertThat(calls.callIds()).isEmpty();
    }

    @Test
    void aCallThatChangesChannelIsFoundUnderTheNewOneOnly() {
        calls.track("c1", "Local/4000@hotline-00000001;2");
        calls.track("c1", "PJSIP/1001-00000002");
        assertThat(calls.callIdOfChannel("Local/4000@hotline-00000001;2")).isEmpty();
        assertThat(calls.callIdOfChannel("PJSIP/1001-00000002")).contains("c1");
    }

    @Test
    void blankIdsAreRefused() {
        assertThatThrownBy(() -> calls.track(" ", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls.channelOf(null)).isEmpty();
    }
}
