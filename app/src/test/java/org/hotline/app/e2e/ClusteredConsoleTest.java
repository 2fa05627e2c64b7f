package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.app.HotlinePlatform;
import org.hotline.app.lifecycle.ChildNode;
import org.hotline.console.testing.Socket;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two whole nodes clustered on loopback (one JVM, two Hazelcast members over real TCP, two consoles on their own
 * ports, one database): a browser that logs in on one node and reconnects to the other keeps its login, a logout on
 * one closes the session's socket on the other and the agent is logged out of the cluster's one ACD, and
 * each node's health names both members; a node that stops leaves its browsers' logins to the other.
 */
class ClusteredConsoleTest {
    private static final String PASSWORD = "correct horse 1";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Fixture a;
    private HotlinePlatform b;
    private String baseB;

    @BeforeEach
    void startTwoNodes() throws IOException {
        int portA = ChildNode.freePort();
        int portB = ChildNode.freePort();
        while (portB == portA) {
            portB = ChildNode.freePort();
        }
        String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        String name = "test-" + Long.toHexString(System.nanoTime());
        a = Fixture.start(t -> {
            t.users().create("boss", "Boss", PASSWORD.toCharArray(), Set.of(Role.SUPERVISOR), Set.of());
            t.users().create("agent1", "Agent One", PASSWORD.toCharArray(), Set.of(Role.AGENT), Set.of("repair"));
        }, cluster(name, "node-a", portA, members));
        Map<String, Object> o = new HashMap<>(Fixture.queues("20s", "10m"));
        o.putAll(cluster(name, "node-b", portB, members));
        b = HotlinePlatform.start(Nodes.settings(a.db, o), Clock.systemUTC());
        baseB = "http://127.0.0.1:" + b.httpPort();
        await().atMost(WAIT).until(() -> b.cluster().view().members().size() == 2
                && a.platform.cluster().view().members().size() == 2);
    }

    private static Map<String, Object> cluster(String name, String node, int port, String members) {
        return Fixture.clusterMember(name, node, port, members);
    }

    @AfterEach
    void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void aBrowserThatReconnectsToTheOtherNodeKeepsItsLogin() {
        String token = a.login("agent1", PASSWORD);

        Fixture.Response me = get(baseB, "/api/me", token);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("user").path("username").asText()).isEqualTo("agent1");
    }

    @Test
    void whenTheNodeABrowserLoggedInOnStopsItsLoginGoesOnOnTheOther() {
        String token = post(baseB, "/api/login", null, Map.of("username", "agent1", "password", PASSWORD))
                .body().path("token").asText();

        b.close();

        await().atMost(WAIT).until(() -> a.platform.cluster().view().members().size() == 1);
        Fixture.Response me = a.get("/api/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().path("user").path("username").asText()).isEqualTo("agent1");
    }

    @Test
    void aLogoutOnOneNodeClosesTheSessionsSocketOnTheOther() throws Exception {
        String token = a.login("agent1", PASSWORD);
        Socket onA = Socket.open(a.platform.httpPort(), token);
        onA.awaitType("hello");

        assertThat(a.post("/api/agent/state", token, Map.of("state", "READY")).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> a.platform.acd().agent("agent1").orElseThrow().state() == AgentState.READY);

        assertThat(post(baseB, "/api/logout", token).status()).isEqualTo(200);

        onA.awaitClosed();
        assertThat(a.get("/api/me", token).status()).isEqualTo(401);
        // the agent was READY in node A's ACD: A logs them out too, so its routing offers them no call
        await().atMost(WAIT).until(() -> a.platform.acd().agent("agent1").orElseThrow().state()
                == AgentState.LOGGED_OUT);
    }

    @Test
    void eachNodesHealthNamesBothMembers() {
        String token = a.login("boss", PASSWORD);
        for (String base : List.of(a.base, baseB)) {
            Fixture.Response health = get(base, "/api/health", token);
            JsonNode cluster = null;
            for (JsonNode c : health.body().path("components")) {
                if (c.path("name").asText().equals("cluster")) {
                    cluster = c;
                }
            }
            assertThat(cluster).as("cluster component on %s", base).isNotNull();
            assertThat(cluster.path("state").asText()).isEqualTo("JOINED");
            assertThat(cluster.path("detail").asText()).startsWith("2 of 2 members: ")
                    .contains("node-a", "node-b");
        }
    }

    private Fixture.Response get(String base, String path, String token) {
        return send(base, HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    private Fixture.Response post(String base, String path, String token) {
        return post(base, path, token, Map.of());
    }

    private Fixture.Response post(String base, String path, String token, Map<String, String> body) {
        try {
            return send(base, HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Fixture.JSON.writeValueAsString(body))), token);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Fixture.Response send(String base, HttpRequest.Builder request, String token) {
        request.header("Origin", base);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body() == null || r.body().isBlank() ? Fixture.JSON.nullNode()
                    : Fixture.JSON.readTree(r.body());
            return new Fixture.Response(r.statusCode(), body, r);
        } catch (Exception e) {
            throw new IllegalStateException("HTTP request failed: " + e, e);
        }
    }
}
