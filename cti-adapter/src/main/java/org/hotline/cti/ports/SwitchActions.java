package org.hotline.cti.ports;

import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.telephony.CallHandler;
import org.hotline.platform.telephony.SpyMode;

/**
 * What a switch adapter does, in its own terms: each action either happens or throws ({@link NotFoundException} for
 * a call it does not know, {@link ConflictException} for a refusal, in the switch's words). The simulator's agents,
 * traffic and tests and the adapters' tests use these; the platform reaches a switch only through
 * {@link PortBoundary}, which turns each refusal into a {@code SwitchResult}.
 */
public interface SwitchActions {
    void onIncomingCall(CallHandler handler);

    /**
     * Answers a ringing device the platform controls; a switch without that capability (Asterisk: the agent picks up
     * the SIP phone) keeps this refusal, and {@link PortBoundary} never asks it.
     */
    default void answer(String device) {
        throw new ConflictException("answer the call on the phone " + device
                + ": this switch cannot answer a phone remotely");
    }

    void hangup(String callId);

    void transfer(String callId, String target);

    void attendedTransfer(String callId, String target);

    void hold(String callId, boolean onHold);

    /** @return the recording's file name */
    String startRecording(String callId);

    void stopRecording(String callId);

    /** A fresh call id in the switch's scheme. */
    String newCallId();

    /** Places a call under the id {@code callId} the platform chose; returns it. */
    String originate(String callId, String device, String destination, String callerId);

    /** @return the id of the supervisor's spy call */
    String spy(String supervisorDevice, String agentDevice, SpyMode mode);

    boolean deviceAvailable(String device);
}
