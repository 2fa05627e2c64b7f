package org.hotline.platform.telephony;

import java.util.Objects;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;

/**
 * TEMPORARY, removed when the console uses interactions: the former all-in-one {@link SwitchControl} the console still
 * takes, over a switch's {@link SwitchPorts}. Results go back to the exceptions the console maps to HTTP today
 * ({@code NO_SUCH_CALL} a {@link NotFoundException}, every other refusal a {@link ConflictException}, with the switch's
 * words), so the console behaves as before while the switches no longer implement {@code SwitchControl}. It lives
 * here, beside {@code SwitchControl}, because the console's own tests build it over the simulator as well as the app.
 */
public final class SwitchControlOverPorts implements SwitchControl {
    private final SwitchPorts ports;

    public SwitchControlOverPorts(SwitchPorts ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    private static <T> T orThrow(SwitchResult<T> result) {
        return switch (result) {
            case SwitchResult.Done<T> done -> done.value();
            case SwitchResult.Refused<T> no -> throw no.why() == SwitchResult.Refusal.NO_SUCH_CALL
                    ? new NotFoundException(no.message()) : new ConflictException(no.message());
        };
    }

    @Override
    public void onIncomingCall(CallHandler handler) {
        ports.incoming().onIncomingCall(handler);
    }

    @Override
    public void answer(String device) {
        orThrow(ports.control().answer(device));
    }

    @Override
    public void hangup(String callId) {
        orThrow(ports.control().hangup(callId));
    }

    @Override
    public void transfer(String callId, String target) {
        orThrow(ports.control().transfer(callId, target));
    }

    @Override
    public void attendedTransfer(String callId, String target) {
        orThrow(ports.control().attendedTransfer(callId, target));
    }

    @Override
    public void hold(String callId, boolean onHold) {
        orThrow(ports.control().hold(callId, onHold));
    }

    @Override
    public String spy(String supervisorDevice, String agentDevice, SpyMode mode) {
        return orThrow(ports.supervision().spy(supervisorDevice, agentDevice, mode));
    }

    @Override
    public String startRecording(String callId) {
        return orThrow(ports.control().startRecording(callId));
    }

    @Override
    public void stopRecording(String callId) {
        orThrow(ports.control().stopRecording(callId));
    }

    /** The platform chooses the id ({@link Originate#newCallId}), as the ports want; the console gets it back. */
    @Override
    public String originate(String device, String destination, String callerId) {
        String id = ports.originate().newCallId();
        orThrow(ports.originate().originate(new Originate.OriginateRequest(id, device, destination, callerId)));
        return id;
    }

    @Override
    public boolean deviceAvailable(String device) {
        return ports.presence().deviceAvailable(device);
    }
}
