package org.hotline.platform.telephony;

/**
 * Places calls from a device the platform names (click-to-dial, queue callbacks, later campaigns). The platform
 * chooses the call's id before the switch dials ({@link #newCallId}), so that it can know the call (its agent, its
 * purpose) before the switch reports the first event of it.
 */
public interface Originate {
    /** A fresh call id in the switch's id scheme, unique across restarts and nodes. */
    String newCallId();

    /**
     * Rings {@code request.device()} first, then calls {@code request.destination()}; every event of the call carries
     * {@code request.callId()}. Done once the switch has accepted the call (not when it is answered).
     */
    SwitchResult<Void> originate(OriginateRequest request);

    /** One call to place; {@code callerId} may be null (the switch's default). */
    record OriginateRequest(String callId, String device, String destination, String callerId)
            implements java.io.Serializable {
        public OriginateRequest {
            java.util.Objects.requireNonNull(callId, "callId");
            java.util.Objects.requireNonNull(device, "device");
            java.util.Objects.requireNonNull(destination, "destination");
        }
    }
}
