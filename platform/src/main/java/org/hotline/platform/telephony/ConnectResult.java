package org.hotline.platform.telephony;

/** How ringing an agent's device ended. */
public enum ConnectResult {
    /** The agent answered; the conversation now lives on the switch, its end comes as a CallHungUp event. */
    ANSWERED,
    /** Rang for the whole ring timeout without an answer. */
    NO_ANSWER,
    /** The device is busy or rejected the call. */
    BUSY,
    /** The device is unknown or unreachable (offline phone). */
    UNAVAILABLE
}
