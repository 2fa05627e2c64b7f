package org.hotline.console.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request's JSON object body with typed, validating accessors. Every problem is a 400 naming the field. Parsing
 * is strict (see {@link #parse}), so every text accessor returns clean text.
 */
public final class JsonBody {
    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** Parses the request body (strict UTF-8); an absent body counts as an empty object. */
    public static JsonBody of(RoutingContext rc) {
        if (rc.body() == null || rc.body().buffer() == null) {
            return parse(null);
        }
        try {
            return parse(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(rc.body().buffer().getBytes()))
                    .toString());
        } catch (CharacterCodingException e) {
            throw HttpError.badRequest(null, "the body is not valid UTF-8");
        }
    }

    /**
     * Parses a JSON object strictly: a key given twice, trailing content, and a NUL character or an unpaired
     * surrogate in any string (which the database or a log would mangle) are each a 400.
     */
    public static JsonBody parse(String text) {
        if (text == null || text.isBlank()) {
            return new JsonBody(Json.mapper().createObjectNode());
        }
        JsonNode parsed;
        try {
            parsed = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.find()) {
                String key = duplicate.group(1);
                String field = TextRules.problem(key) == null ? QueryParams.clip(key) : null;
                throw HttpError.badRequest(field, "duplicate key " + (field == null ? "in the body" : field));
            }
            throw HttpError.badRequest(null, "malformed JSON body");
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw HttpError.badRequest(null, "the body must be a JSON object");
        }
        object.properties().forEach(e -> checkText(e.getKey(), e.getKey(), e.getValue()));
        return new JsonBody(object);
    }

    /** Every key and string inside {@code value} (of top-level field {@code field}) must be clean text. */
    private static void checkText(String field, String key, JsonNode value) {
        if (TextRules.problem(key) != null) {
            throw HttpError.badRequest(null, "a key of the body " + TextRules.problem(key));
        }
        if (value.isTextual() && TextRules.problem(value.textValue()) != null) {
            throw HttpError.badRequest(field, field + " " + TextRules.problem(value.textValue()));
        }
        if (value.isObject()) {
            value.properties().forEach(e -> checkText(field, e.getKey(), e.getValue()));
        } else if (value.isArray()) {
            value.forEach(v -> checkText(field, field, v));
        }
    }

    /**
     * Every field but {@code except} as plain Java values (String, Boolean, Long or Double, List of them, null), for
     * ports that check the fields themselves (the ticket workflow). Nested objects are refused naming the field.
     */
    public java.util.Map<String, Object> plainFields(String... except) {
        java.util.Set<String> skip = java.util.Set.of(except);
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (!skip.contains(e.getKey())) {
                out.put(e.getKey(), plain(e.getKey(), e.getValue(), true));
            }
        });
        return out;
    }

    private static Object plain(String field, JsonNode v, boolean listAllowed) {
        if (v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isArray() && listAllowed) {
            java.util.List<Object> list = new java.util.ArrayList<>();
            v.forEach(x -> list.add(plain(field, x, false)));
            return list;
        }
        throw HttpError.badRequest(field, field + " must be a string, number, boolean or a list of them");
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
            return TextRules.asciiLong(value.asText().strip())
                    .orElseThrow(() -> HttpError.badRequest(field, field + " must be a number"));
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

    /** Whether the body has {@code field} at all (even as null): tells "leave it" from "clear it". */
    public boolean has(String field) {
        return node.has(field);
    }

    /**
     * An array of non-blank strings (each trimmed, at most {@code maxLength} characters, at most {@code maxItems}
     * of them); null when the field is absent or null.
     */
    public List<String> optionalTextList(String field, int maxItems, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw HttpError.badRequest(field, field + " must be an array of strings");
        }
        if (value.size() > maxItems) {
            throw HttpError.badRequest(field, field + " may have at most " + maxItems + " entries");
        }
        List<String> items = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw HttpError.badRequest(field, field + " must be an array of non-empty strings");
            }
            String text = item.asText().strip();
            if (text.length() > maxLength) {
                throw HttpError.badRequest(field, "each of " + field + " must be at most " + maxLength
                        + " characters");
            }
            items.add(text);
        }
        return items;
    }

    /** The raw value of {@code field} (already checked for clean text), or null when absent or JSON null. */
    public JsonNode optionalNode(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
