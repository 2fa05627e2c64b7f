package org.hotline.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Agents' consoles as a browser holds them, for the load tools: a login over HTTP, then the console's WebSocket
 * ({@code /api/ws}) on which the platform pushes the screen-pop and the call's progress. Requests carry the
 * page's own {@code Origin}, as the browser sends it.
 */
public final class AgentConsoles {
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One agent's open console. */
    public record Console(String base, String token, WebSocket socket) {
    }

    /** Logs {@code username} in on the node at {@code base} ({@code http://127.0.0.1:port}) and opens its socket. */
    public Console open(String base, String username, String password, WebSocket.Listener listener)
            throws IOException, InterruptedException {
        HttpResponse<String> login = post(base, "/api/login", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        Matcher m = TOKEN.matcher(login.body());
        if (login.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("load agent " + username + " login failed: " + login.statusCode());
        }
        String token = m.group(1);
        try {
            WebSocket ws = http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(base.replace("http://", "ws://") + "/api/ws"), listener)
                    .get(10, TimeUnit.SECONDS);
            return new Console(base, token, ws);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the console socket of " + username + " did not open", e);
        }
    }

    /** The agent says it is ready for calls, as the console's Ready button does; returns the HTTP status. */
    public int ready(Console console) throws IOException, InterruptedException {
        return post(console.base(), "/api/agent/state", console.token(), "{\"state\":\"READY\"}").statusCode();
    }

    private HttpResponse<String> post(String base, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
