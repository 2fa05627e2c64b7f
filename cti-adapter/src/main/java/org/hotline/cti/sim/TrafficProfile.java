package org.hotline.cti.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hotline.platform.error.ValidationException;

/**
 * The simulated callers' behaviour for a {@link TrafficGenerator}.
 *
 * @param callsPerSecond     mean arrival rate (Poisson arrivals)
 * @param duration           the generator stops after this long; zero = no time limit (demo only)
 * @param maxCalls           the generator stops after placing this many calls; zero = no limit (demo only)
 * @param anis               caller numbers to draw from, uniformly; an {@code X} in an entry stands for a random
 *                           digit, so {@code 139XXXXXXXX} adds unknown callers. Empty = random mobile numbers only
 * @param menuChoiceWeights  the keys a caller presses (an entry as in {@link SimulatedCaller#keys()}; several
 *                           entries separated by commas, e.g. {@code 9,2} = an invalid key, then 2) → relative weight
 * @param meanPatience       mean time on hold before abandoning (exponential); zero = callers never abandon
 * @param meanTalkTime       mean conversation length (exponential); zero = callers never hang up by themselves
 */
public record TrafficProfile(double callsPerSecond, Duration duration, long maxCalls, List<String> anis,
                             Map<String, Double> menuChoiceWeights, Duration meanPatience, Duration meanTalkTime) {
    private static final Pattern ANI = Pattern.compile("[0-9X+\\-]+");
    private static final Pattern CHOICE = Pattern.compile("(T|H|[0-9*#]+)(,(T|H|[0-9*#]+))*");

    public TrafficProfile {
        if (!(callsPerSecond > 0) || Double.isInfinite(callsPerSecond)) {
            throw new ValidationException("callsPerSecond", "callsPerSecond must be a positive number");
        }
        duration = nonNegative("duration", duration);
        if (maxCalls < 0) {
            throw new ValidationException("maxCalls", "maxCalls must not be negative");
        }
        anis = anis == null ? List.of() : List.copyOf(anis);
        for (String ani : anis) {
            if (ani == null || !ANI.matcher(ani).matches()) {
                throw new ValidationException("anis", "not a phone number or pattern: '" + ani + "'");
            }
        }
        if (menuChoiceWeights == null || menuChoiceWeights.isEmpty()) {
            throw new ValidationException("menuChoiceWeights", "at least one menu choice is required");
        }
        double total = 0;
        for (Map.Entry<String, Double> e : menuChoiceWeights.entrySet()) {
            if (e.getKey() == null || !CHOICE.matcher(e.getKey()).matches()) {
                throw new ValidationException("menuChoiceWeights", "not a key sequence: '" + e.getKey() + "'");
            }
            if (e.getValue() == null || e.getValue() < 0 || e.getValue().isInfinite() || e.getValue().isNaN()) {
                throw new ValidationException("menuChoiceWeights", "weight of '" + e.getKey() + "' must be >= 0");
            }
            total += e.getValue();
        }
        if (!(total > 0)) {
            throw new ValidationException("menuChoiceWeights", "the weights must not all be zero");
        }
        menuChoiceWeights = Map.copyOf(menuChoiceWeights);
        meanPatience = nonNegative("meanPatience", meanPatience);
        meanTalkTime = nonNegative("meanTalkTime", meanTalkTime);
    }

    /**
     * The demo's endless gentle traffic: one call every five seconds on average, the demo menu's choices (mostly
     * consultation and repair, a few invalid keys and timeouts), a minute of patience, 40 s of talk.
     */
    public static TrafficProfile demo(List<String> anis) {
        return new TrafficProfile(0.2, Duration.ZERO, 0, anis,
                Map.of("1", 0.35, "2", 0.3, "3", 0.1, "0", 0.15, "9,1", 0.05, "T,2", 0.03, "H", 0.02),
                Duration.ofSeconds(60), Duration.ofSeconds(40));
    }

    private static Duration nonNegative(String field, Duration d) {
        if (d == null) {
            return Duration.ZERO;
        }
        if (d.isNegative()) {
            throw new ValidationException(field, field + " must not be negative");
        }
        return d;
    }
}
