package org.hotline.platform.telephony;

/** The switch's calls coming in: every arriving call is handed to one {@link CallHandler} (the IVR). */
public interface IncomingCalls {
    /** Which call the handler of every arriving call is; set once at start-up. */
    void onIncomingCall(CallHandler handler);
}
