package org.hotline.platform.event;

import java.time.Instant;
import org.hotline.platform.telephony.DeviceState;

/** A phone (an agent's device) changed state on the switch, e.g. went offline. */
public record DeviceStateChanged(String device, DeviceState state, Instant at) implements HotlineEvent {
}
