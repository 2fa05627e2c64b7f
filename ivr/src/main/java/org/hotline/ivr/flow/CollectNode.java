package org.hotline.ivr.flow;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Plays {@code prompt} and collects up to {@code maxDigits} keys ({@code #} ends early) into the channel variable
 * {@code variable}, then goes to {@code next}. With {@code identify: true}, an unknown caller is looked up by the
 * digits typed (a phone number).
 */
public record CollectNode(Prompt prompt, String variable, Integer maxDigits, Duration timeout, String next,
                          Boolean identify) implements Node {
    public static final int DEFAULT_MAX_DIGITS = 20;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public CollectNode {
        maxDigits = maxDigits == null ? DEFAULT_MAX_DIGITS : maxDigits;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        identify = identify != null && identify;
    }

    @Override
    public String type() {
        return "collect";
    }

    @Override
    public List<String> targets() {
        return Arrays.asList(next);
    }
}
