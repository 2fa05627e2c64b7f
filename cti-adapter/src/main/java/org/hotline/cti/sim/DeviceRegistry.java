package org.hotline.cti.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;

/** The phones registered on the simulated switch and which call occupies each (one call per device). */
final class DeviceRegistry {
    enum Claim { CLAIMED, UNAVAILABLE, BUSY }

    /** {@code autoAnswer} is null for a human's softphone (answered with the console's button). */
    private record Device(String name, Duration autoAnswer, String callId) {
    }

    private final Map<String, Device> devices = new HashMap<>();

    synchronized void register(String name, Duration autoAnswer) {
        requireName(name);
        if (autoAnswer != null && autoAnswer.isNegative()) {
            throw new ValidationException("ringDelay", "ringDelay must not be negative");
        }
        Device old = devices.get(name);
        devices.put(name, new Device(name, autoAnswer, old == null ? null : old.callId()));
    }

    /** @return the call occupying the device (null if none) */
    synchronized String unregister(String name) {
        Device d = devices.remove(name);
        if (d == null) {
            throw new NotFoundException("unknown device: " + name);
        }
        return d.callId();
    }

    synchronized boolean registered(String name) {
        return name != null && devices.containsKey(name);
    }

    /** @return the auto-answer delay, or null for a human device or an unknown one */
    synchronized Duration autoAnswerDelay(String name) {
        Device d = devices.get(name);
        return d == null ? null : d.autoAnswer();
    }

    synchronized Claim claim(String name, String callId) {
        Device d = devices.get(name);
        if (d == null) {
            return Claim.UNAVAILABLE;
        }
        if (d.callId() != null && !d.callId().equals(callId)) {
            return Claim.BUSY;
        }
        devices.put(name, new Device(name, d.autoAnswer(), callId));
        return Claim.CLAIMED;
    }

    /** Frees the device if {@code callId} still occupies it. */
    synchronized void release(String name, String callId) {
        Device d = devices.get(name);
        if (d != null && callId.equals(d.callId())) {
            devices.put(name, new Device(name, d.autoAnswer(), null));
        }
    }

    /**
     * The call occupying a registered device, or null.
     *
     * @throws NotFoundException for an unregistered device
     */
    synchronized String occupant(String name) {
        Device d = devices.get(name);
        if (d == null) {
            throw new NotFoundException("unknown device: " + name);
        }
        return d.callId();
    }

    static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("device", "device name is required");
        }
    }
}
