package org.hotline.console.http;

import java.util.Optional;

/**
 * What the API accepts as text and as a number. Text must not contain NUL (C strings and some drivers cut there,
 * MariaDB stores it, logs and CSV exports break on it) nor an unpaired UTF-16 surrogate (not a character: it cannot
 * be encoded as UTF-8 and is replaced or refused further down). Numbers are ASCII digits only: Java's parsers also
 * take other Unicode digits ({@code １２３}, {@code ١٢٣}), which no caller means and which would make two different
 * texts the same id.
 */
public final class TextRules {
    private static final int MAX_DIGITS = 19;

    private TextRules() {
    }

    /** What is wrong with {@code text} ("must not contain ..."), or null when it is clean. */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "must not contain a NUL character";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired surrogate";
            }
        }
        return null;
    }

    /** An optional {@code -} and 1..19 ASCII digits that fit a long; empty otherwise. */
    public static Optional<Long> asciiLong(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        int start = text.charAt(0) == '-' ? 1 : 0;
        if (text.length() == start || text.length() - start > MAX_DIGITS) {
            return Optional.empty();
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
