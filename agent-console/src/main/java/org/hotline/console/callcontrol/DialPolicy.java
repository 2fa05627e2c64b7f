package org.hotline.console.callcontrol;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The dial plan of outbound calls (click-to-dial, queue callbacks): which destinations an agent may dial. Without
 * patterns every destination the console accepts as a number may be dialled (what Hotline always did); with
 * patterns only a destination that one of them matches whole ({@code 1[3-9]\d{9}} for mobile numbers,
 * {@code 0\d{9,11}} for fixed lines, {@code 400\d{7}} for service numbers, ...). Configured as
 * {@code hotline.outbound.allowed-destinations}. It exists so that a console account cannot be used to call premium
 * or international numbers the centre never calls.
 */
public record DialPolicy(List<Pattern> allowed) {
    /** Any destination. */
    public static final DialPolicy ANY = new DialPolicy(List.of());

    public DialPolicy {
        allowed = List.copyOf(Objects.requireNonNull(allowed, "allowed"));
    }

    /**
     * A policy from regular expressions over the destination as dialled.
     *
     * @throws IllegalArgumentException naming the pattern that is not a valid regular expression
     */
    public static DialPolicy of(List<String> patterns) {
        return new DialPolicy(patterns.stream().map(DialPolicy::compile).toList());
    }

    private static Pattern compile(String regex) {
        if (regex == null || regex.isBlank()) {
            throw new IllegalArgumentException("an allowed destination pattern must not be blank");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("allowed destination pattern '" + regex + "' is not a regular "
                    + "expression: " + e.getDescription(), e);
        }
    }

    /** Whether {@code destination} may be dialled. */
    public boolean allows(String destination) {
        return allowed.isEmpty() || allowed.stream().anyMatch(p -> p.matcher(destination).matches());
    }
}
