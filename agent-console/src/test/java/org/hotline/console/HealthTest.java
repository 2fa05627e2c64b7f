package org.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.StackTestBase;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/health} on the simulator: the database and the simulator as parts, the short public answer and the
 * supervisor's details, the wallboard's copy in the {@code stats} message, and DEGRADED (200) when a part is down.
 */
class HealthTest extends StackTestBase {
    private static JsonNode part(JsonNode health, String name) {
        for (JsonNode c : health.path("components")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no part " + name + " in " + health);
    }

    @Test
    void anyoneSeesTheOverallStatusAndEachPartsStateButNoDetails() {
        Reply r = api.get("/api/health", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("UP");
        assertThat(r.json().path("components")).extracting(c -> c.path("name").asText())
                .containsExactly("database", "simulator");
        assertThat(part(r.json(), "database").path("state").asText()).isEqualTo("UP");
        assertThat(part(r.json(), "simulator").path("state").asText()).isEqualTo("RUNNING");
        assertThat(r.json().path("components")).allSatisfy(c -> {
            assertThat(c.path("up").asBoolean()).isTrue();
            assertThat(c.has("detail")).isFalse();
            assertThat(c.has("since")).isFalse();
        });
        assertThat(r.header("Cache-Control")).containsExactly("no-store");
    }

    @Test
    void aSupervisorSeesSinceWhenAndWhereEachPartIsButAnAgentDoesNot() {
        String supervisor = api.login(backend.newSupervisor());
        String agent = api.login(backend.newAgent());

        JsonNode db = part(api.get("/api/health", supervisor).json(), "database");
        assertThat(db.path("kind").asText()).isEqualTo("DATABASE");
        assertThat(db.path("detail").asText()).isEqualTo(backend.db.config().safeUrl());
        assertThat(Instant.parse(db.path("since").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(part(api.get("/api/health", agent).json(), "database").has("detail")).isFalse();
        assertThat(api.get("/api/health", "not-a-session").status()).as("a stale token is no error here")
                .isEqualTo(200);
    }

    @Test
    void aSupervisorsSocketGetsTheHealthWithEveryStatsMessage() throws Exception {
        String supervisor = api.login(backend.newSupervisor());
        try (Socket socket = Socket.open(api, supervisor)) {
            JsonNode stats = socket.awaitType("stats");
            assertThat(stats.path("health").path("status").asText()).isEqualTo("UP");
            assertThat(part(stats.path("health"), "simulator").path("since").asText()).isNotEmpty();

            stack.sim.close(); // the switch stops: the node is DEGRADED, the wallboard hears it within a second
            JsonNode degraded = socket.await(m -> "stats".equals(m.path("type").asText())
                    && "DEGRADED".equals(m.path("health").path("status").asText()));
            assertThat(part(degraded.path("health"), "simulator").path("state").asText()).isEqualTo("CLOSED");
            assertThat(part(degraded.path("health"), "simulator").path("up").asBoolean()).isFalse();
        }
    }

    @Test
    void aDegradedNodeAnswers200SoThatItStaysInRotation() {
        stack.sim.close();

        Reply r = api.get("/api/health", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(part(r.json(), "simulator").path("up").asBoolean()).isFalse();
        assertThat(part(r.json(), "database").path("up").asBoolean()).isTrue();
    }
}
