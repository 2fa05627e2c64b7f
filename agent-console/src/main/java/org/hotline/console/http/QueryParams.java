package org.hotline.console.http;

import io.vertx.ext.web.RoutingContext;

/**
 * Validating accessors for query-string and path parameters; problems are a 400 naming the parameter. Numbers are
 * ASCII digits only and text must be clean ({@link TextRules}).
 */
public final class QueryParams {
    private QueryParams() {
    }

    /** {@code name} as an int in {@code min..max}; {@code fallback} when absent. */
    public static int intInRange(RoutingContext rc, String name, int min, int max, int fallback) {
        String raw = rc.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        long value = TextRules.asciiLong(raw.strip()).orElseThrow(() ->
                HttpError.badRequest(name, name + " must be a whole number between " + min + " and " + max));
        if (value < min || value > max) {
            throw HttpError.badRequest(name, name + " must be between " + min + " and " + max);
        }
        return (int) value;
    }

    /** {@code name} as a long; null when absent. */
    public static Long optionalLong(RoutingContext rc, String name) {
        String raw = rc.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return parseLong(name, raw);
    }

    /** A path parameter that must be a (positive) id. */
    public static long pathId(RoutingContext rc, String name) {
        String raw = rc.pathParam(name);
        long id = parseLong(name, raw == null ? "" : raw);
        if (id <= 0) {
            throw HttpError.badRequest(name, name + " must be a positive number");
        }
        return id;
    }

    /**
     * A path parameter that must be a positive id, with the problems worded for {@code what} (e.g. "the callback
     * id"): "... must be a number, not 'abc'" (the value clipped to 40 characters), "... must be a positive number".
     */
    public static long pathId(RoutingContext rc, String name, String what) {
        String raw = rc.pathParam(name);
        long id = TextRules.asciiLong(raw == null ? "" : raw.strip()).orElseThrow(() ->
                HttpError.badRequest(name, what + " must be a number, not '" + clip(printable(raw)) + "'"));
        if (id <= 0) {
            throw HttpError.badRequest(name, what + " must be a positive number");
        }
        return id;
    }

    /** {@code s} cut to 40 characters (with an ellipsis), for quoting input in an error; "" for null. */
    public static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** {@code name} as a boolean ({@code true}/{@code false}); false when absent. */
    public static boolean flag(RoutingContext rc, String name) {
        String raw = rc.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw HttpError.badRequest(name, name + " must be true or false");
        };
    }

    /** A trimmed text parameter of at most {@code maxLength} characters; null when absent or blank. */
    public static String optionalText(RoutingContext rc, String name, int maxLength) {
        String raw = rc.request().getParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        String problem = TextRules.problem(text);
        if (problem != null) {
            throw HttpError.badRequest(name, name + " " + problem);
        }
        if (text.length() > maxLength) {
            throw HttpError.badRequest(name, name + " must be at most " + maxLength + " characters");
        }
        return text;
    }

    private static long parseLong(String name, String raw) {
        return TextRules.asciiLong(raw.strip())
                .orElseThrow(() -> HttpError.badRequest(name, name + " must be a number"));
    }

    /** {@code s} with NUL and unpaired surrogates replaced, so that quoting it in an error is safe. */
    private static String printable(String s) {
        if (s == null || TextRules.problem(s) == null) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(
                cp == 0 || Character.isSurrogate((char) cp) && cp <= 0xFFFF ? 0xFFFD : cp));
        return out.toString();
    }
}
