package org.hotline.console.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * A request's JSON object body with typed, validating accessors. Every problem is a 400 naming the field.
 */
public final class JsonBody {
    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** Parses the request body; an absent body counts as an empty object. */
    public static JsonBody of(RoutingContext rc) {
        String text = rc.body() == null ? null : rc.body().asString("UTF-8");
        return parse(text);
    }

    public static JsonBody parse(String text) {
        if (text == null || text.isBlank()) {
            return new JsonBody(Json.mapper().createObjectNode());
        }
        JsonNode parsed;
        try {
            parsed = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest(null, "malformed JSON body");
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw HttpError.badRequest(null, "the body must be a JSON object");
        }
        return new JsonBody(object);
    }

    /** A non-blank string of at most {@code maxLength} characters. */
    public String requiredText(String field, int maxLength) {
        String value = optionalText(field, maxLength);
        if (value == null || value.isBlank()) {
            throw HttpError.badRequest(field, field + " is required");
        }
        return value;
    }

    /** A string, or null when absent / null / empty. */
    public String optionalText(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw HttpError.badRequest(field, field + " must be a string");
        }
        String text = value.asText().strip();
        if (text.length() > maxLength) {
            throw HttpError.badRequest(field, field + " must be at most " + maxLength + " characters");
        }
        return text.isEmpty() ? null : text;
    }

    /** A non-empty string taken as is (not trimmed), as characters the caller can wipe after use. */
    public char[] requiredSecret(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            throw HttpError.badRequest(field, field + " is required");
        }
        if (!value.isTextual()) {
            throw HttpError.badRequest(field, field + " must be a string");
        }
        if (value.asText().length() > maxLength) {
            throw HttpError.badRequest(field, field + " must be at most " + maxLength + " characters");
        }
        return value.asText().toCharArray();
    }

    /** A JSON {@code true} or {@code false} (no strings, no numbers). */
    public boolean requiredBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw HttpError.badRequest(field, field + " is required");
        }
        if (!value.isBoolean()) {
            throw HttpError.badRequest(field, field + " must be true or false");
        }
        return value.booleanValue();
    }

    /** A whole number given as a JSON number or a numeric string; null when absent or empty. */
    public Long optionalLong(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().strip());
            } catch (NumberFormatException e) {
                throw HttpError.badRequest(field, field + " must be a number");
            }
        }
        throw HttpError.badRequest(field, field + " must be a number");
    }

    /** An enum constant named case-insensitively; null when absent. */
    public <E extends Enum<E>> E optionalEnum(String field, Class<E> type) {
        String text = optionalText(field, 64);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest(field, "unknown " + field + ": " + text);
        }
    }

    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type) {
        E value = optionalEnum(field, type);
        if (value == null) {
            throw HttpError.badRequest(field, field + " is required");
        }
        return value;
    }
}
