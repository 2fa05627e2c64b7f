package org.hotline.cti.sim;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Draws simulated callers from a {@link TrafficProfile}; single-threaded (the generator's thread). */
final class RandomCallers {
    static final String DNIS = "4000";
    private static final String RANDOM_MOBILE = "13XXXXXXXXX";

    private final TrafficProfile profile;
    private final RandomGenerator rnd;
    private final List<Map.Entry<String, Double>> choices;
    private final double totalWeight;

    RandomCallers(TrafficProfile profile, RandomGenerator rnd) {
        this.profile = profile;
        this.rnd = rnd;
        this.choices = profile.menuChoiceWeights().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList();
        this.totalWeight = choices.stream().mapToDouble(Map.Entry::getValue).sum();
    }

    SimulatedCaller next() {
        return new SimulatedCaller(ani(), DNIS, keys(), exponential(profile.meanPatience()),
                exponential(profile.meanTalkTime()), Map.of());
    }

    /** The delay before the next arrival of a Poisson process at the profile's rate, in nanoseconds. */
    long nextGapNanos() {
        double seconds = -Math.log(1 - rnd.nextDouble()) / profile.callsPerSecond();
        return (long) Math.min(seconds * 1e9, Long.MAX_VALUE / 4.0);
    }

    private String ani() {
        List<String> anis = profile.anis();
        String pattern = anis.isEmpty() ? RANDOM_MOBILE : anis.get(rnd.nextInt(anis.size()));
        StringBuilder sb = new StringBuilder(pattern.length());
        for (char c : pattern.toCharArray()) {
            sb.append(c == 'X' ? (char) ('0' + rnd.nextInt(10)) : c);
        }
        return sb.toString();
    }

    private List<String> keys() {
        double pick = rnd.nextDouble() * totalWeight;
        String chosen = choices.getLast().getKey();
        for (Map.Entry<String, Double> c : choices) {
            pick -= c.getValue();
            if (pick < 0) {
                chosen = c.getKey();
                break;
            }
        }
        return Arrays.asList(chosen.split(","));
    }

    /** Null (for ever) for a zero mean, else an exponential draw of at least a millisecond. */
    private Duration exponential(Duration mean) {
        if (mean.isZero()) {
            return null;
        }
        double millis = -Math.log(1 - rnd.nextDouble()) * mean.toMillis();
        return Duration.ofMillis(Math.max(1, (long) millis));
    }
}
