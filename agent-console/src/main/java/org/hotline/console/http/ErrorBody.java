package org.hotline.console.http;

/** Every error the API returns: {@code {"error": "...", "field": name-or-null}}. */
public record ErrorBody(String error, String field) {
}
