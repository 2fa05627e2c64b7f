package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.hotline.app.HotlinePlatform;
import org.hotline.console.testing.Socket;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.testing.TestDatabase;

/**
 * A whole Hotline node for end-to-end tests: a fresh MariaDB database on the real server, the platform on a free
 * loopback port with the simulated switch (instant timing, no automatic traffic, no simulated agents), and HTTP /
 * WebSocket clients that talk to it exactly as a browser or a tool would. Public for the security suite
 * ({@code org.hotline.app.security}).
 */
public final class Fixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    public final TestDatabase db;
    public final HotlinePlatform platform;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final String base;

    /** Whether {@link #close} drops the database too (the first node of a test does; the others share it). */
    private final boolean ownsDb;

    private Fixture(TestDatabase db, HotlinePlatform platform) {
        this(db, platform, true);
    }

    private Fixture(TestDatabase db, HotlinePlatform platform, boolean ownsDb) {
        this.db = db;
        this.platform = platform;
        this.base = "http://127.0.0.1:" + platform.httpPort();
        this.ownsDb = ownsDb;
    }

    /** A node the test started on its own database; its close leaves the database. */
    public static Fixture on(TestDatabase db, HotlinePlatform platform) {
        return new Fixture(db, platform, false);
    }

    /** Another node on {@code first}'s database (a cluster's next member); its close leaves the database. */
    public static Fixture joining(Fixture first, Map<String, Object> overrides) {
        Map<String, Object> o = new java.util.HashMap<>(queues("20s", "10m"));
        o.putAll(overrides);
        return new Fixture(first.db, HotlinePlatform.start(Nodes.settings(first.db, o), Clock.systemUTC()), false);
    }

    /**
     * @param seed      runs against the fresh database before the platform starts (users created here become agents)
     * @param overrides configuration keys on top of the test defaults (e.g. ring timeout)
     */
    public static Fixture start(Consumer<Ticketing> seed, Map<String, Object> overrides) {
        TestDatabase db = TestDatabase.create();
        try {
            try (Database database = Database.open(db.config())) {
                seed.accept(new Ticketing(database, Clock.systemUTC()));
            }
            return new Fixture(db, HotlinePlatform.start(Nodes.settings(db, overrides), Clock.systemUTC()));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Queue settings shared by the tests: the given ring timeout and a wrap-up long enough to be ended by hand. */
    /**
     * The keys that put a node on Asterisk: FastAGI on a free loopback port, one AMI server {@code pbx1} (a fake on
     * {@code amiPort}, user {@code hotline}) and the agents' phones ({@code agent1=PJSIP/1001,...}).
     */
    public static Map<String, Object> onAsterisk(int amiPort, String amiSecret, String agentDevices) {
        return Map.of(
                "hotline.telephony", "asterisk",
                "hotline.asterisk.agi.bind", "127.0.0.1",
                "hotline.asterisk.agi.port", 0,
                "hotline.asterisk.agent-devices", agentDevices,
                "hotline.asterisk.ami", List.of(Map.of("name", "pbx1", "host", "127.0.0.1", "port", amiPort,
                        "username", "hotline", "secret", amiSecret)));
    }

    /** The keys that make a node member {@code node} of cluster {@code name} on {@code port} (heartbeat 5 s). */
    public static Map<String, Object> clusterMember(String name, String node, int port, String members) {
        return Map.of("hotline.cluster.enabled", true, "hotline.cluster.name", name,
                "hotline.cluster.node-name", node, "hotline.cluster.port", port,
                "hotline.cluster.members", members, "hotline.cluster.heartbeat-timeout", "5s");
    }

    public static Map<String, Object> queues(String ringTimeout, String wrapUp) {
        List<Map<String, Object>> qs = List.of("consultation", "repair", "complaint", "operator").stream()
                .map(q -> Map.<String, Object>of("name", q, "skill", q, "service-level-seconds", 15,
                        "ring-timeout", ringTimeout, "wrap-up", wrapUp))
                .toList();
        return Map.of("hotline.queues", qs);
    }

    record Response(int status, JsonNode body, HttpResponse<String> raw) {
    }

    Response get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    Response post(String path, String token, Object body) {
        try {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)), token);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Response send(HttpRequest.Builder b, String token) {
        b.header("Origin", base);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body() == null || r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Response(r.statusCode(), body, r);
        } catch (Exception e) {
            throw new IllegalStateException("HTTP request failed: " + e, e);
        }
    }

    String login(String user, String password) {
        Response r = post("/api/login", null, Map.of("username", user, "password", password));
        assertThat(r.status()).as("login of %s: %s", user, r.body()).isEqualTo(200);
        return r.body().get("token").asText();
    }

    ConsoleSocket socket(String token) {
        try {
            return new ConsoleSocket(Socket.open(platform.httpPort(), token));
        } catch (Exception e) {
            throw new IllegalStateException("WebSocket connect failed: " + e, e);
        }
    }

    /** A console's WebSocket (the console's own test client), with the waits these tests read best with. */
    record ConsoleSocket(Socket socket) {
        List<JsonNode> messages() {
            return socket.messages();
        }

        /** Waits for the first message of {@code type} that matches {@code test}. */
        JsonNode awaitMessage(String type, Predicate<JsonNode> test) {
            return socket.await(m -> type.equals(m.path("type").asText()) && test.test(m));
        }

        JsonNode awaitState(String state) {
            return awaitMessage("agent.state", m -> state.equals(m.path("state").asText()));
        }
    }

    @Override
    public void close() {
        try {
            platform.close();
        } finally {
            if (ownsDb) {
                db.close();
            }
        }
    }
}
