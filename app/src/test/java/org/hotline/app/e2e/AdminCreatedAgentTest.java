package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An agent the administrator creates while the platform runs is a full agent at once: it logs in, goes ready and is
 * offered the next call of its queue, without a restart.
 */
class AdminCreatedAgentTest {
    private static final String PASSWORD = "s3cret-pass";
    private Fixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void anAgentCreatedByTheAdminWhileRunningIsOfferedCalls() {
        f = Fixture.start(t -> t.users().create("boss", "赵强", PASSWORD.toCharArray(), Set.of(Role.ADMIN),
                Set.of()), Fixture.queues("60s", "10m"));
        String admin = f.login("boss", PASSWORD);

        Fixture.Response created = f.post("/api/admin/users", admin, Map.of("username", "newbie",
                "displayName", "新坐席", "password", "first-pass-1", "roles", List.of("AGENT"),
                "skills", List.of("consultation", "repair", "complaint", "operator")));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);

        String agent = f.login("newbie", "first-pass-1");
        assertThat(f.post("/api/agent/login", agent, Map.of()).status()).isEqualTo(200);
        assertThat(f.post("/api/agent/state", agent, Map.of("state", "READY")).status()).isEqualTo(200);
        f.platform.simulatedSwitch().placeCall(new SimulatedCaller("13900001111", "4000", List.of("2"),
                Duration.ofMinutes(5), Duration.ZERO, Map.of()));

        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.acd().agent("newbie")
                .map(a -> a.state() == AgentState.RESERVED).orElse(false));
    }
}
