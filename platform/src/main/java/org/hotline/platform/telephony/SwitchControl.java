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

    /** Blind-transfers the call to another device or extension. */
    void transfer(String callId, String target);

    /**
     * Places a call from {@code device} (rings it first) to {@code destination}.
     *
     * @return the new call's id
     */
    String originate(String device, String destination, String callerId);

    /** Whether the device can take a call now (registered / online). An agent whose device is offline cannot be READY. */
    boolean deviceAvailable(String device);
}
