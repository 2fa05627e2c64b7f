package org.hotline.console.testing;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test client of {@code /api/ws}: collects every JSON message it receives. */
public final class Socket implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private Socket(URI uri, String... headers) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        this.socket = builder.buildAsync(uri, new Collector()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Opens the socket with the token in an {@code Authorization: Bearer} header (as a non-browser client). */
    public static Socket open(Api api, String token) throws Exception {
        return open(api.port(), token);
    }

    /** Opens the socket of the console on {@code 127.0.0.1:port} with the token as a bearer header. */
    public static Socket open(int port, String token) throws Exception {
        return new Socket(URI.create("ws://127.0.0.1:" + port + "/api/ws"), "Authorization", "Bearer " + token);
    }

    /** Opens the socket with a {@code Cookie} header (what a browser sends on the handshake). */
    public static Socket openWithCookie(Api api, String cookie) throws Exception {
        return new Socket(URI.create("ws://127.0.0.1:" + api.port() + "/api/ws"), "Cookie", cookie);
    }

    /** Opens the socket with the token in the URL (the old way, expected to be refused). */
    public static Socket openWithTokenInUrl(Api api, String token) throws Exception {
        return new Socket(URI.create("ws://127.0.0.1:" + api.port() + "/api/ws?token=" + token));
    }

    /** Opens the socket without any credentials (expected to be refused). */
    public static Socket openAnonymous(Api api) throws Exception {
        return new Socket(URI.create("ws://127.0.0.1:" + api.port() + "/api/ws"));
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    public Optional<JsonNode> find(Predicate<JsonNode> which) {
        return messages.stream().filter(which).findFirst();
    }

    /** Waits for the first message matching {@code which}. */
    public JsonNode await(Predicate<JsonNode> which) {
        Awaitility.await().atMost(WAIT).until(() -> find(which).isPresent());
        return find(which).orElseThrow();
    }

    public JsonNode awaitType(String type) {
        return await(m -> type.equals(m.path("type").asText()));
    }

    /** Waits until the server closes the socket; returns the close code. */
    public int awaitClosed() {
        Awaitility.await().atMost(WAIT).until(closed::isDone);
        return closed.join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(MAPPER.readTree(partial.toString()));
                } catch (IOException e) {
                    messages.add(MAPPER.createObjectNode().put("type", "unparseable").put("raw", partial.toString()));
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
