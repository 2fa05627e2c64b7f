package org.hotline.cti.asterisk.ami.wire;

import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ResponseEvent;

/**
 * {@code Event: DeviceStateChange}, live or as an item of a {@code DeviceStateList} (then with the ActionID).
 * Registered in place of Asterisk-Java's {@code DeviceStateChangeEvent}.
 */
@AsteriskMapping("DeviceStateChange")
public class DeviceStateEvent extends ResponseEvent {
    private static final long serialVersionUID = 1L;

    private String device;
    private String state;

    public DeviceStateEvent(Object source) {
        super(source);
    }

    public String getDevice() {
        return device;
    }

    public void setDevice(String device) {
        this.device = device;
    }

    /** Asterisk's device state name: NOT_INUSE, INUSE, BUSY, RINGING, RINGINUSE, ONHOLD, UNAVAILABLE, ... */
    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }
}
