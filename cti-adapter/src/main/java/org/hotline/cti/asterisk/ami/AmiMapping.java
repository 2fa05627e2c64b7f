package org.hotline.cti.asterisk.ami;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.DialProgress;
import org.hotline.platform.telephony.DeviceState;
import org.hotline.platform.telephony.Devices;

/**
 * How Asterisk's words map onto the platform's: device states, hang-up causes, dial statuses, originate reasons,
 * targets.
 */
final class AmiMapping {
    /** One device: {@code TECH/resource}. */
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9]+/[^\\s,|&]+");

    private AmiMapping() {
    }

    /**
     * Asterisk's device state names (DeviceStateChange {@code State:}) onto the platform's, or null for a name this
     * mapping does not know (the caller logs it once and treats it as UNKNOWN).
     */
    static DeviceState deviceState(String asterisk) {
        if (asterisk == null) {
            return null;
        }
        return switch (asterisk.trim().toUpperCase(Locale.ROOT)) {
            case "NOT_INUSE" -> DeviceState.AVAILABLE;
            case "INUSE", "BUSY" -> DeviceState.IN_USE;
            case "RINGING", "RINGINUSE" -> DeviceState.RINGING;
            case "ONHOLD" -> DeviceState.ON_HOLD;
            case "UNAVAILABLE", "INVALID" -> DeviceState.UNAVAILABLE;
            case "UNKNOWN" -> DeviceState.UNKNOWN;
            default -> null;
        };
    }

    /**
     * A device whose state the platform publishes: a phone, i.e. {@code TECH/resource} other than a Local channel
     * ({@code PJSIP/1001}, {@code SIP/1001}, {@code IAX2/...}). Queue ({@code Queue:support}), custom and park
     * devices and Local channels change with every call and are of no use to routing.
     */
    static boolean isPhone(String device) {
        if (device == null) {
            return false;
        }
        int slash = device.indexOf('/');
        int colon = device.indexOf(':');
        return slash > 0 && slash < device.length() - 1 && (colon < 0 || colon > slash)
                && !device.regionMatches(true, 0, "Local/", 0, 6);
    }

    /**
     * A {@code DialEnd}'s {@code DialStatus} as the platform's dial progress: ANSWER, BUSY (and CONGESTION), NOANSWER,
     * CANCEL, CHANUNAVAIL; anything else (DONTCALL, TORTURE, INVALIDARGS, a value unknown to this mapping) is FAILED.
     */
    static DialProgress dialProgress(String dialStatus) {
        if (dialStatus == null) {
            return DialProgress.FAILED;
        }
        return switch (dialStatus.trim().toUpperCase(Locale.ROOT)) {
            case "ANSWER" -> DialProgress.ANSWERED;
            case "BUSY", "CONGESTION" -> DialProgress.BUSY;
            case "NOANSWER" -> DialProgress.NO_ANSWER;
            case "CANCEL" -> DialProgress.CANCELLED;
            case "CHANUNAVAIL" -> DialProgress.UNAVAILABLE;
            default -> DialProgress.FAILED;
        };
    }

    /**
     * The device of a channel name: {@code PJSIP/1001-0000002a} -> {@code PJSIP/1001}, {@code
     * Local/7000@hotline-00000008;1} -> {@code Local/7000@hotline}; a name without Asterisk's {@code -<hex>} suffix
     * is returned as it is (null stays null).
     */
    static String deviceOfChannel(String channel) {
        if (channel == null) {
            return null;
        }
        String name = channel;
        int semicolon = name.lastIndexOf(';');
        if (semicolon > 0 && name.startsWith("Local/")) {
            name = name.substring(0, semicolon);
        }
        int dash = name.lastIndexOf('-');
        if (dash > name.indexOf('/') && dash < name.length() - 1
                && name.substring(dash + 1).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            return name.substring(0, dash);
        }
        return name;
    }

    /**
     * Asterisk's {@code Cause-txt} as the platform writes causes: "Normal Clearing" -> "normal", "User busy" ->
     * "busy", "No answer" / "User alerting, no answer" -> "no-answer", others lower-case with dashes
     * ("Call Rejected" -> "call-rejected").
     */
    static String cause(String causeTxt, Integer cause) {
        return cause(causeTxt, cause, null);
    }

    /**
     * The cause of a Hangup; when the Hangup itself says 0 / "Unknown", the cause of the channel's hang-up request
     * ({@code requested}, from its HangupRequest or SoftHangupRequest) instead. A caller's ordinary BYE over chan_sip
     * gives {@code SoftHangupRequest Cause: 16} then {@code Hangup Cause: 0, Cause-txt: Unknown}
     * (ami-sip-ivr-call.txt): the call ended normally, and is recorded as "normal", not "unknown".
     */
    static String cause(String causeTxt, Integer cause, Integer requested) {
        boolean unknown = (causeTxt == null || causeTxt.isBlank() || causeTxt.strip().equalsIgnoreCase("unknown"))
                && (cause == null || cause == 0);
        if (unknown && requested != null && requested != 0) {
            return plainCause(null, requested);
        }
        return plainCause(causeTxt, cause);
    }

    private static String plainCause(String causeTxt, Integer cause) {
        if (causeTxt == null || causeTxt.isBlank()) {
            // Asterisk-Java drops the value "Unknown" (as it does "<unknown>"): name the usual Q.850 codes
            return switch (cause == null ? 0 : cause) {
                case 0 -> "unknown";
                case 16 -> "normal";
                case 17 -> "busy";
                case 18, 19 -> "no-answer";
                case 21 -> "call-rejected";
                case 34 -> "congestion";
                default -> "cause-" + cause;
            };
        }
        String t = causeTxt.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "normal clearing" -> "normal";
            case "user busy" -> "busy";
            case "no answer", "user alerting, no answer", "no user responding" -> "no-answer";
            default -> t.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        };
    }

    /** The cause of a failed Originate from its {@code Reason:} (Asterisk's AST_CONTROL code). */
    static String originateFailure(Integer reason) {
        if (reason == null) {
            return "failed";
        }
        return switch (reason) {
            case 3 -> "no-answer";
            case 5 -> "busy";
            case 8 -> "congestion";
            case 1 -> "hangup";
            default -> "failed";
        };
    }

    /** An extension to dial: {@code exten}, {@code exten@context}, or a device ({@code PJSIP/1002} dials 1002). */
    record Destination(String exten, String context) {
    }

    /**
     * Parses a transfer or click-to-dial target. A device name {@code TECH/resource} becomes extension
     * {@code resource} in the dial context: transfers and click-to-dial always go through the dialplan, as a phone's
     * own transfer key does.
     */
    static Destination destination(String target, String defaultContext) {
        if (target == null || target.isBlank()) {
            throw new ValidationException("target", "a target extension is required");
        }
        String t = target.trim();
        int slash = t.indexOf('/');
        if (slash >= 0) {
            t = t.substring(slash + 1);
        }
        String context = defaultContext;
        int at = t.indexOf('@');
        if (at >= 0) {
            context = t.substring(at + 1);
            t = t.substring(0, at);
        }
        if (t.isEmpty() || context.isEmpty() || !t.matches("[0-9A-Za-z*#+_.-]+")
                || !context.matches("[0-9A-Za-z_.-]+")) {
            throw new ValidationException("target", "not an extension: " + target);
        }
        return new Destination(t, context);
    }

    /** A device to ring: {@code TECH/resource}. */
    static String requireDevice(String device, String field) {
        if (device == null || !DEVICE.matcher(device).matches()) {
            throw new ValidationException(field, "not a device (TECH/resource): " + device);
        }
        return device;
    }

    /**
     * The members of a device or device list ({@code PJSIP/1001&PJSIP/webrtc1001}, Asterisk's Dial syntax), each a
     * {@code TECH/resource}.
     */
    static List<String> requireDevices(String device, String field) {
        List<String> members = Devices.members(device);
        if (members.isEmpty()) {
            throw new ValidationException(field, "not a device (TECH/resource): " + device);
        }
        for (String m : members) {
            if (!DEVICE.matcher(m).matches()) {
                throw new ValidationException(field, "not a device or device list (TECH/resource&...): " + device);
            }
        }
        return members;
    }
}
