package org.hotline.cti.ports;

import java.util.Objects;
import java.util.function.Function;
import org.hotline.platform.telephony.CallControl;
import org.hotline.platform.telephony.Originate;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.telephony.Supervision;
import org.hotline.platform.telephony.SwitchAttempts;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.platform.telephony.SwitchResult;
import org.hotline.platform.telephony.SwitchResult.Refusal;

/**
 * A switch adapter's capability ports over its {@link SwitchActions}: each refusal the adapter throws becomes a
 * {@link SwitchResult.Refused}, read by the adapter's own {@code why} (the simulator: an unknown or ended call is
 * {@code NO_SUCH_CALL}, the rest {@code NOT_NOW}; Asterisk adds {@code SWITCH_ERROR} and {@code UNREACHABLE}), with the
 * adapter's words as the message. What the capabilities rule out is refused up front, without asking the switch.
 * One class for both switches, so that the two adapters cannot drift apart in what a refusal means.
 */
public final class PortBoundary implements CallControl, Originate, Supervision {
    private final SwitchActions sw;
    private final SwitchCapabilities capabilities;
    private final Function<RuntimeException, Refusal> why;

    private PortBoundary(SwitchActions sw, SwitchCapabilities capabilities, Function<RuntimeException, Refusal> why) {
        this.sw = Objects.requireNonNull(sw, "sw");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.why = Objects.requireNonNull(why, "why");
    }

    /** The ports of {@code sw}, which can do what {@code capabilities} say. */
    public static SwitchPorts of(SwitchActions sw, SwitchCapabilities capabilities,
                                 Function<RuntimeException, Refusal> why) {
        PortBoundary p = new PortBoundary(sw, capabilities, why);
        return new SwitchPorts(sw::onIncomingCall, p, p, p, sw::deviceAvailable, capabilities);
    }

    private static <T> SwitchResult<T> cannot(String what) {
        return SwitchResult.refused(Refusal.NOT_NOW, "this switch cannot " + what);
    }

    @Override
    public SwitchResult<Void> answer(String device) {
        if (!capabilities.answerFromConsole()) {
            return SwitchResult.refused(Refusal.NOT_NOW, "answer the call on the phone " + device
                    + ": this switch cannot answer a phone remotely");
        }
        return SwitchAttempts.run(() -> sw.answer(device), why);
    }

    @Override
    public SwitchResult<Void> hangup(String callId) {
        return SwitchAttempts.run(() -> sw.hangup(callId), why);
    }

    @Override
    public SwitchResult<Void> transfer(String callId, String target) {
        return capabilities.blindTransfer() ? SwitchAttempts.run(() -> sw.transfer(callId, target), why)
                : cannot("transfer calls");
    }

    @Override
    public SwitchResult<Void> attendedTransfer(String callId, String target) {
        return capabilities.attendedTransfer() ? SwitchAttempts.run(() -> sw.attendedTransfer(callId, target), why)
                : cannot("make attended transfers");
    }

    @Override
    public SwitchResult<Void> hold(String callId, boolean onHold) {
        return capabilities.hold() ? SwitchAttempts.run(() -> sw.hold(callId, onHold), why) : cannot("hold calls");
    }

    @Override
    public SwitchResult<String> startRecording(String callId) {
        return capabilities.recording() ? SwitchAttempts.attempt(() -> sw.startRecording(callId), why)
                : cannot("record calls");
    }

    @Override
    public SwitchResult<Void> stopRecording(String callId) {
        return capabilities.recording() ? SwitchAttempts.run(() -> sw.stopRecording(callId), why)
                : cannot("record calls");
    }

    @Override
    public String newCallId() {
        return sw.newCallId();
    }

    /** Every event of the call carries {@code request.callId()} (the simulator's call id, Asterisk's ChannelId). */
    @Override
    public SwitchResult<Void> originate(OriginateRequest request) {
        Objects.requireNonNull(request, "request");
        return capabilities.originate() ? SwitchAttempts.run(() -> sw.originate(request.callId(), request.device(),
                request.destination(), request.callerId()), why) : cannot("place calls");
    }

    @Override
    public SwitchResult<String> spy(String supervisorDevice, String agentDevice, SpyMode mode) {
        return capabilities.supervision() ? SwitchAttempts.attempt(() -> sw.spy(supervisorDevice, agentDevice, mode),
                why) : cannot("join calls for supervisors");
    }
}
