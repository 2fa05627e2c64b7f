package org.hotline.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.hotline.console.testing.Api;
import org.hotline.console.testing.Backend;
import org.hotline.console.testing.MovableClock;
import org.hotline.console.testing.Stack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session idle timeouts by role and the absolute lifetime, over real HTTP, on a movable clock. */
class SessionLifetimeTest {
    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private static Backend backend;
    private Stack stack;
    private Api api;

    @BeforeAll
    static void openBackend() {
        backend = new Backend(CLOCK);
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    @BeforeEach
    void start() {
        stack = new Stack(backend, AuthConfig.DEFAULT);
        api = stack.api;
    }

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aSupervisorsSessionEndsAfterThirtyIdleMinutesAnAgentsLastsAShift() {
        String agent = api.login(backend.newAgent());
        String supervisor = api.login(backend.newSupervisor());

        CLOCK.advance(Duration.ofMinutes(29));
        assertThat(api.get("/api/me", supervisor).status()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(30));
        assertThat(api.get("/api/me", supervisor).status()).isEqualTo(401);
        assertThat(api.get("/api/me", agent).status()).isEqualTo(200);

        CLOCK.advance(Duration.ofHours(9).minusSeconds(1));
        assertThat(api.get("/api/me", agent).status()).isEqualTo(200);
        CLOCK.advance(Duration.ofHours(9));
        assertThat(api.get("/api/me", agent).status()).isEqualTo(401);
    }

    @Test
    void aUserWhoIsAgentAndSupervisorGetsTheShorterIdleTimeout() {
        String both = api.login(backend.newUser("both", java.util.Set.of(org.hotline.platform.user.Role.AGENT,
                org.hotline.platform.user.Role.SUPERVISOR), java.util.Set.of(Stack.QUEUE)));

        CLOCK.advance(Duration.ofMinutes(31));

        assertThat(api.get("/api/me", both).status()).isEqualTo(401);
    }

    @Test
    void aSessionInConstantUseEndsTwelveHoursAfterLogin() {
        String agent = api.login(backend.newAgent());
        for (int hour = 1; hour <= 11; hour++) {
            CLOCK.advance(Duration.ofHours(1));
            assertThat(api.get("/api/me", agent).status()).as("after %d h", hour).isEqualTo(200);
        }
        CLOCK.advance(Duration.ofMinutes(59));
        assertThat(api.get("/api/me", agent).status()).isEqualTo(200);

        CLOCK.advance(Duration.ofMinutes(1));

        assertThat(api.get("/api/me", agent).status()).isEqualTo(401);
    }

    @Test
    void meTellsTheAbsoluteAndTheIdleExpiry() {
        Instant loginAt = CLOCK.instant();
        String agent = api.login(backend.newAgent());
        CLOCK.advance(Duration.ofMinutes(10));

        var me = api.get("/api/me", agent).json();

        assertThat(Instant.parse(me.path("expiresAt").asText())).isEqualTo(loginAt.plus(Duration.ofHours(12)));
        assertThat(Instant.parse(me.path("idleExpiresAt").asText()))
                .isEqualTo(CLOCK.instant().plus(Duration.ofHours(9)));
    }
}
