package org.hotline.console.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A small client of the console's HTTP API on 127.0.0.1 (JDK HttpClient). */
public final class Api {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public Api(int port) {
        this.port = port;
    }

    /** A response: status, parsed JSON body (null when not JSON), raw body and headers. */
    public record Reply(int status, JsonNode json, String body, java.net.http.HttpHeaders headers) {
        public String error() {
            return json == null ? null : json.path("error").asText(null);
        }

        public String field() {
            return json == null || json.path("field").isNull() ? null : json.path("field").asText(null);
        }

        public List<String> header(String name) {
            return headers.allValues(name);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    public Reply post(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply send(String method, String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Any request built by the caller (custom headers such as Cookie). */
    public Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), parse(r.body()), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The console's own origin, as a browser showing its pages names it. */
    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** A request with the console's own {@code Origin} (state-changing requests need it) and the token, if any. */
    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).header("Origin", origin());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** Logs in and returns the token (fails the test when login does not succeed). */
    public String login(String username) {
        Reply r = post("/api/login", json("username", username, "password", Backend.password(username)), null);
        if (r.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + r.status() + " " + r.body());
        }
        return r.json().path("token").asText();
    }

    /** A JSON object from key/value pairs (values as JSON strings, numbers, booleans or null). */
    public static String json(Object... keyValues) {
        var node = MAPPER.createObjectNode();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            node.set((String) keyValues[i], MAPPER.valueToTree(keyValues[i + 1]));
        }
        return node.toString();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
