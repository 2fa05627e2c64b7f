package org.hotline.cti.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hotline.platform.error.ValidationException;

/**
 * A simulated person calling the hotline.
 *
 * @param ani      the caller's number (empty when withheld)
 * @param dnis     the number dialled
 * @param keys     what the caller presses, in order, at each input opportunity: a string of DTMF digits
 *                 ({@code 0-9 * #}), {@link #TIMEOUT} to press nothing and let the input time out, or
 *                 {@link #HANGUP} to hang up instead of pressing. Once the list is used up the caller presses
 *                 nothing. A {@code waitForDigit} takes one digit of an entry (the rest stays for the next one); a
 *                 {@code collectDigits} takes the whole entry.
 * @param patience how long the caller stays on hold (from the first music on hold, or from the first ring when an
 *                 agent is free at once) before hanging up;
 *                 null or zero = waits for ever
 * @param talkTime how long the caller talks once an agent answered, then hangs up; null or zero = never hangs up
 *                 by itself (the agent must)
 * @param params   handed to the call handler as {@code CallInfo.params()} (e.g. {@code flow=main})
 */
public record SimulatedCaller(String ani, String dnis, List<String> keys, Duration patience, Duration talkTime,
                              Map<String, String> params) {
    /** Key entry: press nothing, let the input time out. */
    public static final String TIMEOUT = "T";
    /** Key entry: hang up at this input opportunity. */
    public static final String HANGUP = "H";

    private static final Pattern ENTRY = Pattern.compile("T|H|[0-9*#]+");

    public SimulatedCaller {
        ani = ani == null ? "" : ani;
        dnis = dnis == null ? "" : dnis;
        keys = keys == null ? List.of() : List.copyOf(keys);
        for (String k : keys) {
            if (!ENTRY.matcher(k).matches()) {
                throw new ValidationException("keys", "key entry must be T, H or DTMF digits (0-9 * #), got '" + k + "'");
            }
        }
        if (patience != null && patience.isNegative()) {
            throw new ValidationException("patience", "patience must not be negative");
        }
        if (talkTime != null && talkTime.isNegative()) {
            throw new ValidationException("talkTime", "talkTime must not be negative");
        }
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** A caller with endless patience who never hangs up by itself, dialling {@code 4000}. */
    public static SimulatedCaller pressing(String ani, String... keys) {
        return new SimulatedCaller(ani, "4000", List.of(keys), null, null, Map.of());
    }

    public SimulatedCaller withPatience(Duration value) {
        return new SimulatedCaller(ani, dnis, keys, value, talkTime, params);
    }

    public SimulatedCaller withTalkTime(Duration value) {
        return new SimulatedCaller(ani, dnis, keys, patience, value, params);
    }

    public SimulatedCaller withParams(Map<String, String> value) {
        return new SimulatedCaller(ani, dnis, keys, patience, talkTime, value);
    }

    boolean hasPatienceLimit() {
        return patience != null && !patience.isZero();
    }

    boolean hangsUpAfterTalking() {
        return talkTime != null && !talkTime.isZero();
    }
}
