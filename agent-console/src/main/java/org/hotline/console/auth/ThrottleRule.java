package org.hotline.console.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * The back-off of failed logins for one kind of key (an account, a client address): the first
 * {@code freeFailures - 1} failures cost nothing, the {@code freeFailures}-th makes the next attempt wait
 * {@code baseDelay}, every further one doubles the wait up to {@code maxDelay}. A key whose last failure is
 * {@code forgetAfter} old starts again from zero.
 */
public record ThrottleRule(int freeFailures, Duration baseDelay, Duration maxDelay, Duration forgetAfter) {
    /** Per account: after 5 failures 1 s, then 2 s, 4 s … up to 5 min; forgotten after 15 min of quiet. */
    public static final ThrottleRule ACCOUNT_DEFAULT =
            new ThrottleRule(5, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
    /** Per client address (an office behind one NAT shares it): after 20 failures, the same back-off. */
    public static final ThrottleRule ADDRESS_DEFAULT =
            new ThrottleRule(20, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15));
    /**
     * Per client address on the public complaint form: 5 complaints, then the next waits 10 minutes from the fifth
     * (after which the count starts again), so a person can file and correct a few but a script cannot flood.
     */
    public static final ThrottleRule PUBLIC_FORM_DEFAULT =
            new ThrottleRule(5, Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10));

    public ThrottleRule {
        if (freeFailures < 1) {
            throw new IllegalArgumentException("freeFailures must be at least 1, was " + freeFailures);
        }
        positive("baseDelay", baseDelay);
        positive("maxDelay", maxDelay);
        positive("forgetAfter", forgetAfter);
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must not be below baseDelay");
        }
    }

    /** How long the next attempt must wait after {@code failures} failures in a row. */
    public Duration delayAfter(int failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        int doublings = failures - freeFailures;
        if (doublings >= 40) {
            return maxDelay;
        }
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
