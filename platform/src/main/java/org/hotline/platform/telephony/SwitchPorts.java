package org.hotline.platform.telephony;

import java.util.Objects;

/**
 * One switch seen through its capability ports (replacing the former all-in-one {@code SwitchControl}); supplied by
 * the telephony profile (simulator or Asterisk) and read by the application layer, routing (presence) and the IVR
 * (incoming calls).
 */
public record SwitchPorts(IncomingCalls incoming, CallControl control, Originate originate, Supervision supervision,
                          DevicePresence presence, SwitchCapabilities capabilities) {
    public SwitchPorts {
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(originate, "originate");
        Objects.requireNonNull(supervision, "supervision");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(capabilities, "capabilities");
    }
}
