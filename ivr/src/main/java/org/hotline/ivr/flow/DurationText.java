package org.hotline.ivr.flow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in flow files: {@code 5s}, {@code 1.5s}, {@code 500ms}, {@code 2m}, ISO-8601 {@code PT5S}, or a number of seconds. */
final class DurationText extends JsonDeserializer<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
            return seconds(p.getDecimalValue());
        }
        String text = p.getValueAsString();
        Duration d = text == null ? null : parse(text);
        if (d == null) {
            return (Duration) ctxt.handleWeirdStringValue(Duration.class, text,
                    "not a duration (use e.g. 5s, 500ms, 2m or PT5S)");
        }
        return d;
    }

    /** @return the duration, or null when {@code text} is not one */
    static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            BigDecimal amount = new BigDecimal(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount.longValue());
                case "m" -> seconds(amount.multiply(BigDecimal.valueOf(60)));
                default -> seconds(amount);
            };
        }
        if (t.matches("\\d+(\\.\\d+)?")) {
            return seconds(new BigDecimal(t));
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration seconds(BigDecimal seconds) {
        return Duration.ofMillis(seconds.multiply(BigDecimal.valueOf(1000)).longValue());
    }
}
