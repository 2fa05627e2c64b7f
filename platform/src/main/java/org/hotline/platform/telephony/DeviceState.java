package org.hotline.platform.telephony;

/** A device's state as the switch reports it (Asterisk device states, simplified). */
public enum DeviceState {
    AVAILABLE, IN_USE, RINGING, ON_HOLD, UNAVAILABLE, UNKNOWN;

    /** Whether an agent on this device can be offered calls (UNKNOWN counts as reachable). */
    public boolean reachable() {
        return this != UNAVAILABLE;
    }
}
