package org.hotline.platform.telephony;

import java.util.ArrayList;
import java.util.List;

/**
 * An agent's device string may name several devices at once, in Asterisk's own Dial syntax:
 * {@code PJSIP/1001&PJSIP/webrtc1001} (a desk phone and its WebRTC browser twin). Asterisk's Dial rings every
 * member in parallel and connects the first to answer; the platform treats the agent as reachable while any member
 * is. A single device ({@code PJSIP/1001}) is the list of one member.
 *
 * <p>Members are compared exactly, as device names are everywhere else in the platform (Asterisk reports
 * {@code PJSIP/1001} as it was configured).
 */
public final class Devices {
    /** What separates the members of a device list (Asterisk's Dial syntax). */
    public static final char SEPARATOR = '&';

    private Devices() {
    }

    /**
     * The members of {@code device}, in the order listed, each trimmed. An empty member ({@code "PJSIP/1001&"}) is
     * kept as {@code ""}, so that a caller that validates the list sees it; null or a blank string has no members.
     */
    public static List<String> members(String device) {
        if (device == null || device.isBlank()) {
            return List.of();
        }
        List<String> members = new ArrayList<>();
        int from = 0;
        while (true) {
            int sep = device.indexOf(SEPARATOR, from);
            if (sep < 0) {
                members.add(device.substring(from).trim());
                return List.copyOf(members);
            }
            members.add(device.substring(from, sep).trim());
            from = sep + 1;
        }
    }

    /** Whether {@code member} (one device, e.g. {@code PJSIP/webrtc1001}) is one of the members of {@code device}. */
    public static boolean contains(String device, String member) {
        if (device == null || member == null || member.isEmpty()) {
            return false;
        }
        if (device.indexOf(SEPARATOR) < 0) {
            return device.trim().equals(member);
        }
        return members(device).contains(member);
    }
}
