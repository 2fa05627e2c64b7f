package org.hotline.platform.call;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Call ids unique across restarts and nodes without coordination: {@code <prefix>-<time><seq>-<instance>}, e.g.
 * {@code sim-0mx5b9w1b0000-javfl6azzi}.
 * <ul>
 * <li>{@code time}: the clock's epoch milliseconds, 9 base-36 digits (fixed width until the year 5188), so ids of
 * one generator sort by time as strings;</li>
 * <li>{@code seq}: 4 base-36 digits counting the ids of the same millisecond (a clock that stands still or goes
 * back keeps the last millisecond and counts on, so one generator never repeats itself and stays ordered);</li>
 * <li>{@code instance}: 10 base-36 digits (about 51 bits) drawn at random when the generator is made, i.e. once
 * per start of a node. Two starts (a restart with the same clock, or two nodes) differ there with a probability of
 * 1 - 2<sup>-51</sup> per pair: no shared counter, database sequence or node registry is needed.</li>
 * </ul>
 * Why not the switch's own numbering: the simulator counted from 1 again at each start, and Asterisk's uniqueid
 * (epoch seconds + a per-start counter) repeats across Asterisk restarts and servers. Thread-safe.
 */
public final class CallIds implements CallIdGenerator {
    /** What a prefix may be: letters, digits, {@code . _ -}, up to 16 characters. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,16}");
    private static final int TIME_DIGITS = 9;
    private static final int SEQ_DIGITS = 4;
    private static final int INSTANCE_DIGITS = 10;
    private static final long SEQ_LIMIT = pow36(SEQ_DIGITS);
    private static final long INSTANCE_LIMIT = pow36(INSTANCE_DIGITS);

    private final String prefix;
    private final Clock clock;
    private final String instance;
    private long lastMillis = Long.MIN_VALUE;
    private long seq;

    /** A generator for this start of the node, with a random instance part from a {@link SecureRandom}. */
    public CallIds(String prefix, Clock clock) {
        this(prefix, clock, new SecureRandom());
    }

    /** @param random draws the instance part (tests pass a seeded one) */
    public CallIds(String prefix, Clock clock, RandomGenerator random) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("call id prefix must be 1-16 of [A-Za-z0-9._-], was '" + prefix + "'");
        }
        this.prefix = prefix;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instance = base36(random.nextLong(INSTANCE_LIMIT), INSTANCE_DIGITS);
    }

    @Override
    public String next() {
        long millis;
        long n;
        synchronized (this) {
            long now = Math.max(0, clock.millis());
            if (now > lastMillis) {
                lastMillis = now;
                seq = 0;
            } else if (++seq >= SEQ_LIMIT) {
                lastMillis++; // more than 1.6 million ids in one millisecond: borrow the next one
                seq = 0;
            }
            millis = lastMillis;
            n = seq;
        }
        return prefix + '-' + base36(millis, TIME_DIGITS) + base36(n, SEQ_DIGITS) + '-' + instance;
    }

    /** The random part of this generator's ids (the same for every id of this start). */
    public String instance() {
        return instance;
    }

    private static String base36(long value, int width) {
        String s = Long.toString(value, 36);
        if (s.length() >= width) {
            return s;
        }
        return "0".repeat(width - s.length()) + s;
    }

    private static long pow36(int digits) {
        long v = 1;
        for (int i = 0; i < digits; i++) {
            v *= 36;
        }
        return v;
    }
}
