package org.hotline.platform.telephony;

/** Whether a device can take a call now (registered / reachable). An agent whose device is offline cannot be READY. */
public interface DevicePresence {
    boolean deviceAvailable(String device);
}
