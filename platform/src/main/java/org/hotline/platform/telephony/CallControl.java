package org.hotline.platform.telephony;

/**
 * Control of a live call, in the style of AMI actions. Call progress comes back as
 * {@link org.hotline.platform.event.CallEvent}s on the event bus. Every method may block on the switch (call it off
 * an event loop); a method whose capability the switch does not have ({@link SwitchCapabilities}) answers
 * {@link SwitchResult.Refusal#NOT_NOW} rather than throwing, but callers should not offer it in the first place.
 */
public interface CallControl {
    /**
     * Answers a ringing device the platform controls (the console's softphone, a simulated agent's phone); only where
     * {@link SwitchCapabilities#answerFromConsole()}.
     */
    SwitchResult<Void> answer(String device);

    /** Hangs up the call. */
    SwitchResult<Void> hangup(String callId);

    /** Blind-transfers the call to another device or extension (publishes {@code CallTransferred(BLIND)}). */
    SwitchResult<Void> transfer(String callId, String target);

    /**
     * Attended transfer: the agent first talks to {@code target}; the transfer completes when the agent hangs up
     * (publishes {@code CallTransferred(ATTENDED)} then).
     */
    SwitchResult<Void> attendedTransfer(String callId, String target);

    /** Puts a connected call on hold, or takes it off hold (publishes {@code CallHoldChanged}). */
    SwitchResult<Void> hold(String callId, boolean onHold);

    /** Starts recording the call (publishes {@code RecordingChanged}); the value is the recording's file name. */
    SwitchResult<String> startRecording(String callId);

    /** Stops recording; NOT_NOW when the call is not being recorded. */
    SwitchResult<Void> stopRecording(String callId);
}
