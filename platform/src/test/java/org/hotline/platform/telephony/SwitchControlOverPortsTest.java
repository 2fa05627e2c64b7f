package org.hotline.platform.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.telephony.Originate.OriginateRequest;
import org.hotline.platform.telephony.SwitchResult.Refusal;
import org.junit.jupiter.api.Test;

/**
 * The console's temporary {@code SwitchControl} over the ports answers as the console expects today (a refusal is
 * the exception the console turns into 404 or 409, in the switch's words), and the port boundary turns an adapter's
 * refusals, and only those, into results.
 */
class SwitchControlOverPortsTest {
    private final List<OriginateRequest> placed = new CopyOnWriteArrayList<>();

    /** Ports whose call control refuses every call but {@code "c1"}, and whose originate records its requests. */
    private SwitchPorts ports() {
        CallControl control = new CallControl() {
            private SwitchResult<Void> known(String callId) {
                return "c1".equals(callId) ? SwitchResult.ok()
                        : SwitchResult.refused(Refusal.NO_SUCH_CALL, "unknown call: " + callId);
            }

            @Override
            public SwitchResult<Void> answer(String device) {
                return SwitchResult.refused(Refusal.NOT_NOW, "device " + device + " is not ringing");
            }

            @Override
            public SwitchResult<Void> hangup(String callId) {
                return known(callId);
            }

            @Override
            public SwitchResult<Void> transfer(String callId, String target) {
                return SwitchResult.refused(Refusal.SWITCH_ERROR, "No such extension");
            }

            @Override
            public SwitchResult<Void> attendedTransfer(String callId, String target) {
                return SwitchResult.refused(Refusal.UNREACHABLE, "no Asterisk server is connected");
            }

            @Override
            public SwitchResult<Void> hold(String callId, boolean onHold) {
                return known(callId);
            }

            @Override
            public SwitchResult<String> startRecording(String callId) {
                return SwitchResult.done("hotline/" + callId + ".wav");
            }

            @Override
            public SwitchResult<Void> stopRecording(String callId) {
                return known(callId);
            }
        };
        Originate originate = new Originate() {
            @Override
            public String newCallId() {
                return "p-" + (placed.size() + 1);
            }

            @Override
            public SwitchResult<Void> originate(OriginateRequest request) {
                placed.add(request);
                return SwitchResult.ok();
            }
        };
        return new SwitchPorts(h -> { }, control, originate, (s, a, m) -> SwitchResult.done("spy-1"),
                "PJSIP/1001"::equals, SwitchCapabilities.ALL);
    }

    @Test
    void aRefusalComesBackAsTheExceptionTheConsoleShowsTodayInTheSwitchsWords() {
        SwitchControl sc = new SwitchControlOverPorts(ports());
        sc.hangup("c1");
        sc.hold("c1", true);
        assertThatThrownBy(() -> sc.hold("c9", true)).isInstanceOf(NotFoundException.class)
                .hasMessage("unknown call: c9");
        assertThatThrownBy(() -> sc.answer("PJSIP/1001")).isExactlyInstanceOf(ConflictException.class)
                .hasMessage("device PJSIP/1001 is not ringing");
        assertThatThrownBy(() -> sc.transfer("c1", "7000")).isExactlyInstanceOf(ConflictException.class)
                .hasMessage("No such extension");
        assertThatThrownBy(() -> sc.attendedTransfer("c1", "7000")).isExactlyInstanceOf(ConflictException.class)
                .hasMessage("no Asterisk server is connected");
        assertThat(sc.startRecording("c1")).isEqualTo("hotline/c1.wav");
        assertThat(sc.spy("PJSIP/1009", "PJSIP/1001", SpyMode.BARGE)).isEqualTo("spy-1");
        assertThat(sc.deviceAvailable("PJSIP/1001")).isTrue();
        assertThat(sc.deviceAvailable("PJSIP/1002")).isFalse();
    }

    @Test
    void aClickToDialGetsThePlatformsIdBackAsItsCallId() {
        SwitchControl sc = new SwitchControlOverPorts(ports());
        String id = sc.originate("PJSIP/1001", "13900139000", null);
        assertThat(id).isEqualTo("p-1");
        assertThat(placed).containsExactly(new OriginateRequest("p-1", "PJSIP/1001", "13900139000", null));
    }

    @Test
    void onlyAnAdaptersRefusalsBecomeResultsBadInputStillThrows() {
        assertThat(SwitchAttempts.attempt(() -> "ok", SwitchAttempts.PLAIN)).isEqualTo(SwitchResult.done("ok"));
        assertThat(SwitchAttempts.run(() -> {
            throw new NotFoundException("unknown call: c9");
        }, SwitchAttempts.PLAIN)).isEqualTo(SwitchResult.refused(Refusal.NO_SUCH_CALL, "unknown call: c9"));
        assertThat(SwitchAttempts.run(() -> {
            throw new ConflictException("call c1 is not connected");
        }, SwitchAttempts.PLAIN)).isEqualTo(SwitchResult.refused(Refusal.NOT_NOW, "call c1 is not connected"));
        assertThatThrownBy(() -> SwitchAttempts.run(() -> {
            throw new ValidationException("target", "not an extension: x y");
        }, SwitchAttempts.PLAIN)).isInstanceOf(ValidationException.class);
    }
}
