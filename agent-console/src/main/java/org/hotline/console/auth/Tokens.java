package org.hotline.console.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** Session tokens: 32 bytes from {@link SecureRandom}, base64url without padding (43 characters). */
public final class Tokens {
    static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String next() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code candidate} could be a token at all (cheap filter before a lookup). */
    public static boolean plausible(String candidate) {
        return candidate != null && candidate.length() == 43
                && candidate.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
