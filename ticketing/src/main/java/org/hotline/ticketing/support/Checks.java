package org.hotline.ticketing.support;

import java.util.regex.Pattern;
import org.hotline.platform.error.ValidationException;

/** Input checks shared by the stores; each failure names the offending field. */
public final class Checks {
    /** The most rows a list query returns. */
    public static final int MAX_LIMIT = 1000;

    private Checks() {
    }

    /** A required text of {@code min}..{@code max} characters (after trimming); returns it trimmed. */
    public static String text(String field, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, field + " is required");
        }
        String trimmed = value.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < min || length > max) {
            throw new ValidationException(field, field + " must be " + min + "–" + max + " characters, was " + length);
        }
        return trimmed;
    }

    /** A required value matching {@code pattern}; {@code rule} says what is allowed. */
    public static String matching(String field, String value, Pattern pattern, String rule) {
        if (value == null || value.isEmpty()) {
            throw new ValidationException(field, field + " is required");
        }
        if (!pattern.matcher(value).matches()) {
            throw new ValidationException(field, field + " must be " + rule);
        }
        return value;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ValidationException(field, field + " is required");
        }
        return value;
    }

    /** A list size of 1..{@link #MAX_LIMIT}. */
    public static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit", "limit must be 1–" + MAX_LIMIT + ", was " + limit);
        }
        return limit;
    }

    /** Escapes {@code \ % _} so that {@code text} matches literally inside a LIKE pattern. */
    public static String likeContains(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('%');
        for (char ch : text.toCharArray()) {
            if (ch == '\\' || ch == '%' || ch == '_') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.append('%').toString();
    }

    /** {@code value} cut to at most {@code max} characters (code points; null stays null). */
    public static String clip(String value, int max) {
        if (value == null || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }
}
