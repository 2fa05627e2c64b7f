package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.DialProgress;
import org.hotline.platform.telephony.SpyMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmiMappingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Normal Clearing|16|normal", "User busy|17|busy",
            "User alerting, no answer|19|no-answer", "Call Rejected|21|call-rejected", "|0|unknown", "|16|normal",
            "|99|cause-99"})
    void hangUpCausesReadAsThePlatformWritesThem(String text, int cause, String expected) {
        assertThat(AmiMapping.cause(text, cause)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Hangup \"{0}\" {1} after a request with cause {2}: {3}")
    @CsvSource(delimiter = '|', value = {"Unknown|0|16|normal", "|0|16|normal", "|0|17|busy", "Unknown|0||unknown",
            "Normal Clearing|16|21|normal", "User busy|17|16|busy"})
    void anUnknownHangUpCauseIsTheCauseOfTheHangUpRequest(String text, int cause, Integer requested, String expected) {
        assertThat(AmiMapping.cause(text, cause, requested)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, failed", "1, hangup", "3, no-answer", "5, busy", "8, congestion", "42, failed"})
    void originateReasons(int reason, String cause) {
        assertThat(AmiMapping.originateFailure(reason)).isEqualTo(cause);
    }

    @ParameterizedTest
    @CsvSource({"ANSWER, ANSWERED", "BUSY, BUSY", "CONGESTION, BUSY", "NOANSWER, NO_ANSWER", "CANCEL, CANCELLED",
            "CHANUNAVAIL, UNAVAILABLE", "DONTCALL, FAILED", "answer, ANSWERED", "'', FAILED"})
    void dialStatusesReadAsDialProgress(String status, DialProgress progress) {
        assertThat(AmiMapping.dialProgress(status)).isEqualTo(progress);
    }

    @ParameterizedTest
    @CsvSource({"PJSIP/1001-0000002a, PJSIP/1001", "PJSIP/webrtc1001-000000ff, PJSIP/webrtc1001",
            "Local/7000@hotline-00000008;1, Local/7000@hotline", "SIP/127.0.0.1-00000001, SIP/127.0.0.1",
            "PJSIP/trunk-00000003, PJSIP/trunk", "PJSIP/my-phone, PJSIP/my-phone", "PJSIP/1001, PJSIP/1001", "PJSIP/dev-, PJSIP/dev-"})
    void aChannelNamesItsDevice(String channel, String device) {
        assertThat(AmiMapping.deviceOfChannel(channel)).isEqualTo(device);
    }

    @Test
    void targetsAreExtensionsInTheDialContextUnlessGivenOne() {
        assertThat(AmiMapping.destination("1002", "from-agents"))
                .isEqualTo(new AmiMapping.Destination("1002", "from-agents"));
        assertThat(AmiMapping.destination("7000@hotline", "from-agents"))
                .isEqualTo(new AmiMapping.Destination("7000", "hotline"));
        assertThat(AmiMapping.destination("PJSIP/1003", "from-agents"))
                .isEqualTo(new AmiMapping.Destination("1003", "from-agents"));
        assertThatThrownBy(() -> AmiMapping.destination("1002,Hangup", "x")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> AmiMapping.destination(null, "x")).isInstanceOf(ValidationException.class);
    }

    @Test
    void onlyPhonesArePublishedAsDevices() {
        assertThat(AmiMapping.isPhone("PJSIP/1001")).isTrue();
        assertThat(AmiMapping.isPhone("SIP/1001")).isTrue();
        assertThat(AmiMapping.isPhone("PJSIP/webrtc1001")).isTrue();
        assertThat(AmiMapping.isPhone("Local/5000@hotline")).isFalse();
        assertThat(AmiMapping.isPhone("Queue:support")).isFalse();
        assertThat(AmiMapping.isPhone("Custom:night")).isFalse();
        assertThat(AmiMapping.isPhone(null)).isFalse();
    }

    @Test
    void chanSpyOptionsPerMode() {
        assertThat(AmiGateway.spyOptions(SpyMode.LISTEN)).isEqualTo("qE");
        assertThat(AmiGateway.spyOptions(SpyMode.WHISPER)).isEqualTo("qwE");
        assertThat(AmiGateway.spyOptions(SpyMode.BARGE)).isEqualTo("qBE");
    }

    @Test
    void aServerConfigNeverPrintsItsSecretAndChecksItsFields() {
        AmiServerConfig c = new AmiServerConfig("pbx1", "10.0.0.5", 5038, "hotline", "very-secret");
        assertThat(c.toString()).doesNotContain("very-secret").contains("pbx1", "10.0.0.5", "5038", "hotline");
        assertThatThrownBy(() -> new AmiServerConfig("", "h", 5038, "u", "s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmiServerConfig("n", "h", 0, "u", "s"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AmiServerConfig("n", "h", 5038, "u", null))
                .isInstanceOf(NullPointerException.class);
    }
}
