package org.hotline.platform.telephony;

/**
 * Switch-level control, in the style of AMI actions. Call progress comes back as {@link org.hotline.platform.event.CallEvent}s
 * on the event bus (the switch publishes {@code CallHungUp} for every call that ends).
 */
public interface SwitchControl {
    /** Which call the handler of every arriving call is; set once at start-up. */
    void onIncomingCall(CallHandler handler);

    /** Answers a ringing device that the platform controls (the console's softphone, a simulated agent phone). */
    void answer(String device);

    /** Hangs up the call identified by {@code callId}. */
    void hangup(String callId);

    /** Blind-transfers the call to another device or extension (publishes {@code CallTransferred(BLIND)}). */
    void transfer(String callId, String target);

    /**
     * Attended transfer: the agent first talks to {@code target}; the transfer completes when the agent hangs up
     * (publishes {@code CallTransferred(ATTENDED)} then).
     */
    void attendedTransfer(String callId, String target);

    /** Puts a connected call on hold, or takes it off hold (publishes {@code CallHoldChanged}). */
    void hold(String callId, boolean onHold);

    /**
     * A supervisor's device joins the call of {@code agentDevice}: listen, whisper to the agent, or barge in.
     *
     * @return the id of the supervisor's spy call (hang it up to stop)
     */
    String spy(String supervisorDevice, String agentDevice, SpyMode mode);

    /**
     * Starts recording the call (publishes {@code RecordingChanged}).
     *
     * @return the recording's file name, kept on the call record
     */
    String startRecording(String callId);

    /** Stops recording; a call that is not being recorded is a {@link org.hotline.platform.error.ConflictException}. */
    void stopRecording(String callId);

    /**
     * Places a call from {@code device} (rings it first) to {@code destination}.
     *
     * @return the new call's id
     */
    String originate(String device, String destination, String callerId);

    /** Whether the device can take a call now (registered / online). An agent whose device is offline cannot be READY. */
    boolean deviceAvailable(String device);
}
