package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.app.HotlinePlatform;
import org.hotline.app.lifecycle.ChildNode;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node of a cluster killed with SIGKILL while it holds the switch and its agent is on a call: node B runs in a
 * child JVM (a real process, killed as {@code kill -9} does), node A in this one, both on one database. B starts
 * first and so holds the simulator: its callers come in there; agent1's console is on A.
 */
class ClusterNodeKillTest {
    private static final String PASSWORD = "correct horse 1";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private TestDatabase db;
    private ChildNode b;
    private Fixture a;
    private Path work;

    @AfterEach
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theSurvivorTakesTheSwitchOverEndsTheCallThatDiedWithItAndTakesCallsAgain() throws Exception {
        db = TestDatabase.create();
        try (Database database = Database.open(db.config())) {
            new Ticketing(database, Clock.systemUTC()).users().create("agent1", "Agent One", PASSWORD.toCharArray(),
                    Set.of(Role.AGENT), Set.of("consultation", "repair", "complaint", "operator"));
        }
        List<Integer> ports = org.hotline.app.cli.DemoCluster.freeLoopbackPorts(2);
        String members = "127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1);
        String name = "kill-" + Long.toHexString(System.nanoTime());

        work = Files.createTempDirectory("hotline-cluster-kill");
        int portB = ChildNode.freePort();
        Map<String, String> props = new HashMap<>();
        props.put("hotline.db.url", db.config().jdbcUrl());
        props.put("hotline.db.user", db.config().user());
        props.put("hotline.db.password", db.config().password());
        props.put("hotline.http.host", "127.0.0.1");
        props.put("hotline.http.port", String.valueOf(portB));
        props.put("hotline.db.embedded", "false");
        props.put("hotline.simulation.enabled", "true");
        props.put("hotline.simulation.timing", "instant");
        props.put("hotline.simulation.calls-per-second", "0.5");
        props.put("hotline.simulation.agents", "0");
        props.put("hotline.simulation.mean-talk-time", "10m");
        props.put("hotline.simulation.mean-patience", "10m");
        Fixture.clusterMember(name, "node-b", ports.get(1), members).forEach((k, v) -> props.put(k, v.toString()));
        b = ChildNode.start(List.of("start"), props, portB, work.resolve("b.out"));
        b.awaitHealthy(WAIT);

        // the same queues as B (the defaults): the cluster's ACD takes the first node's
        a = Fixture.on(db, HotlinePlatform.start(Nodes.settings(db,
                Fixture.clusterMember(name, "node-a", ports.get(0), members)), Clock.systemUTC()));
        await().atMost(WAIT).until(() -> a.platform.cluster().view().members().size() == 2);
        assertThat(a.platform.holdsSwitchLink()).as("B started first and holds the simulator").isFalse();

        String token = a.login("agent1", PASSWORD);
        Fixture.ConsoleSocket ws = a.socket(token);
        ws.awaitMessage("hello", m -> true);
        assertThat(a.post("/api/agent/state", token, Map.of("state", "READY")).status()).isEqualTo(200);
        JsonNode offered = ws.awaitMessage("call.offered", m -> true);
        String onB = offered.path("callId").asText();
        // the pop can reach A before B's simulator has rung the console phone: the answer waits for the ring
        Fixture.Response answered = a.post("/api/agent/answer", token, Map.of());
        assertThat(answered.status()).as(answered.body().toString()).isEqualTo(200);
        await().atMost(WAIT).until(() -> a.platform.acd().agent("agent1").orElseThrow().state() == AgentState.ON_CALL);

        b.kill();

        await().atMost(WAIT).until(() -> a.platform.holdsSwitchLink());
        // the call that died with B ended: its agent wraps up
        await().atMost(WAIT).until(() -> a.platform.acd().agent("agent1").orElseThrow().state() == AgentState.WRAP_UP);
        await().atMost(WAIT).until(() -> a.platform.ticketing().calls().find(onB)
                .map(r -> r.outcome() == CallOutcome.INTERRUPTED).orElse(false));
        assertThat(a.platform.ticketing().calls().find(onB).orElseThrow().agent())
                .as("what B had recorded of the call is kept").isEqualTo("agent1");

        assertThat(a.post("/api/agent/wrapup/finish", token, Map.of()).status()).isEqualTo(200);
        String onA = a.platform.simulatedSwitch().placeCall(new SimulatedCaller("13800138000", "4000", List.of("2"),
                Duration.ofMinutes(5), Duration.ZERO, Map.of()));
        ws.awaitMessage("call.offered", m -> onA.equals(m.path("callId").asText()));
        assertThat(a.post("/api/agent/answer", token, Map.of()).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> a.platform.acd().agent("agent1").orElseThrow().state() == AgentState.ON_CALL);
    }
}
