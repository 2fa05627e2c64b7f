package org.hotline.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.hotline.console.testing.Api.Reply;
import org.hotline.console.testing.StackTestBase;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/session}, the login page's question "is someone logged in, and is this a demo?": 200 either way, so
 * a page load without a session leaves no 401 in the browser's console.
 */
class SessionQuestionTest extends StackTestBase {

    @Test
    void withoutASessionTheAnswerIsNoUserAnd200() {
        Reply reply = api.get("/api/session", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().has("user")).isTrue();
        assertThat(reply.json().path("user").isNull()).isTrue();
        assertThat(reply.json().path("expiresAt").isMissingNode()).isTrue();
        assertThat(reply.json().path("demo").asBoolean(true)).isFalse();
    }

    @Test
    void withASessionTheAnswerIsTheUserAndTheSessionsExpiries() {
        String agent = backend.newAgent();
        String token = api.login(agent);

        Reply reply = api.get("/api/session", token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("user").path("username").asText()).isEqualTo(agent);
        assertThat(reply.json().path("user").path("roles").toString()).contains("AGENT");
        assertThat(reply.json().path("expiresAt").asText()).isNotBlank();
        assertThat(reply.json().path("idleExpiresAt").asText()).isNotBlank();
    }

    @Test
    void anEndedSessionIsAnsweredAsNoUser() {
        String token = api.login(backend.newAgent());
        assertThat(api.post("/api/logout", "{}", token).status()).isEqualTo(200);

        Reply reply = api.get("/api/session", token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("user").isNull()).isTrue();
    }
}
