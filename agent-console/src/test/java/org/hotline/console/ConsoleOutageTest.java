package org.hotline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.console.testing.Api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.Socket;
import org.hotline.console.testing.Stack;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.CallContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With the database gone, the console answers 500 without leaking internals, health says DOWN (503), and calls still
 * pop.
 */
class ConsoleOutageTest {
    private Backend backend;
    private Stack stack;
    private Api api;
    private String agent;
    private String token;

    @BeforeEach
    void startThenLoseTheDatabase() {
        backend = new Backend();
        stack = new Stack(backend);
        api = stack.api;
        agent = backend.newAgent();
        stack.plugInPhone(agent);
        token = api.login(agent);
        backend.db.close();
    }

    @AfterEach
    void stop() {
        stack.close();
        backend.close();
    }

    @Test
    void anUnexpectedFailureIsA500WithARequestIdAndNothingInternal() {
        Api.Reply r = api.get("/api/tickets/1", token);

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.error()).matches("internal error \\(request id [0-9a-f-]{36}\\)");
        assertThat(r.json().path("field").isNull()).isTrue();
        assertThat(r.body()).doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("hikari")
                .doesNotContain("Exception");
        Api.Reply health = api.get("/api/health", null);
        assertThat(health.status()).as("the database is down: the node is DOWN").isEqualTo(503);
        assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(health.json().path("components").get(0).path("name").asText()).isEqualTo("database");
        assertThat(health.json().path("components").get(0).path("state").asText()).isEqualTo("DOWN");
        assertThat(health.body()).doesNotContainIgnoringCase("hikari").doesNotContain("Exception");
    }

    @Test
    void aCallStillPopsWithWhatTheCallKnows() throws Exception {
        try (Socket socket = Socket.open(api, token)) {
            socket.awaitType("hello");
            assertThat(api.post("/api/agent/state", json("state", "READY"), token).status()).isEqualTo(200);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

            stack.acd.enqueue(new CallContext("outage-1", "13912345678", "4000", 42L, "周八", CustomerClass.VIP,
                    "main>3", "3", Stack.QUEUE, 9, now, now));

            JsonNode pop = socket.awaitType("call.offered").path("pop");
            assertThat(pop.path("complete").asBoolean()).isFalse();
            assertThat(pop.path("customer").path("name").asText()).isEqualTo("周八");
            assertThat(pop.path("customer").path("customerClass").asText()).isEqualTo("VIP");
            assertThat(pop.path("callerNumber").asText()).isEqualTo("13912345678");
            assertThat(pop.path("products").isEmpty()).isTrue();
        }
    }
}
