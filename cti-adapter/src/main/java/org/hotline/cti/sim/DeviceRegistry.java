package org.hotline.cti.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.telephony.Devices;

/**
 * The phones registered on the simulated switch and which call occupies each (one call per device). An agent's device
 * may be a list in Asterisk's Dial syntax ({@code console/a&console/a-browser}, see {@link Devices}): the list is
 * available while any member is registered, and a ring takes the first member that is free.
 */
final class DeviceRegistry {
    enum Claim { CLAIMED, UNAVAILABLE, BUSY }

    /** The outcome of claiming a device list: {@code member} is the device that rings (null unless CLAIMED). */
    record ListClaim(Claim claim, String member) {
    }

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

    /** Whether any member of {@code device} (one device or a list) is registered. */
    synchronized boolean anyRegistered(String device) {
        for (String member : Devices.members(device)) {
            if (devices.containsKey(member)) {
                return true;
            }
        }
        return false;
    }

    /** The first registered member of {@code device} (one device or a list), else its first member. */
    synchronized String firstRegistered(String device) {
        List<String> members = Devices.members(device);
        for (String member : members) {
            if (devices.containsKey(member)) {
                return member;
            }
        }
        return members.isEmpty() ? device : members.getFirst();
    }

    /**
     * Claims the first member of {@code device} (one device or a list) that is registered and free: CLAIMED with that
     * member; else BUSY when some member is registered (and busy), UNAVAILABLE when none is.
     */
    synchronized ListClaim claimAny(String device, String callId) {
        boolean busy = false;
        for (String member : Devices.members(device)) {
            switch (claim(member, callId)) {
                case CLAIMED -> {
                    return new ListClaim(Claim.CLAIMED, member);
                }
                case BUSY -> busy = true;
                case UNAVAILABLE -> {
                    // next member
                }
            }
        }
        return new ListClaim(busy ? Claim.BUSY : Claim.UNAVAILABLE, null);
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
