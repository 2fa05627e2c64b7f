package org.hotline.ticketing.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A notification's parameters as stored: a flat JSON object of strings. Kept as text (not a JSON column) so that the
 * schema stays the same on MySQL 8 and MariaDB; only this class reads or writes it.
 */
final class NotificationParams {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };
    static final int KEY_MAX = 64;
    static final int VALUE_MAX = 500;

    private NotificationParams() {
    }

    static String write(Map<String, String> params) {
        Map<String, String> clean = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((k, v) -> {
                if (k == null || k.isBlank() || k.length() > KEY_MAX) {
                    throw new IllegalArgumentException("notification parameter names are 1–" + KEY_MAX
                            + " characters, was '" + k + "'");
                }
                String value = v == null ? "" : v;
                clean.put(k, value.length() > VALUE_MAX ? value.substring(0, VALUE_MAX) : value);
            });
        }
        try {
            return MAPPER.writeValueAsString(clean);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write notification parameters", e);
        }
    }

    static Map<String, String> read(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notification parameters are not a JSON object of strings", e);
        }
    }
}
