package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.app.lifecycle.ChildNode;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three whole nodes clustered on loopback, on the simulator and one database (one JVM: three Hazelcast members and
 * three clustered Vert.x over real TCP, three consoles on their own ports). One node holds the switch's link (the
 * simulator: callers come in there); the ACD is the cluster's; the agent's console is on another node.
 */
class ThreeNodeCallTest {
    private static final String PASSWORD = "correct horse 1";
    private static final String CALLER = "13800138000";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<Fixture> nodes = new ArrayList<>();

    @BeforeEach
    void startThreeNodes() throws IOException {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < 3) {
            int port = ChildNode.freePort(); // below the ephemeral range: see there
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }
        String members = String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
        String name = "calls-" + Long.toHexString(System.nanoTime());
        Map<String, Object> first = new HashMap<>(Fixture.queues("20s", "10m"));
        first.putAll(cluster(name, "node-a", ports.get(0), members));
        nodes.add(Fixture.start(t -> {
            t.customers().create("李雷", CustomerClass.ORDINARY, List.of(CALLER));
            t.users().create("agent1", "Agent One", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                    Set.of("consultation", "repair", "complaint", "operator"));
            t.users().create("boss", "Boss", PASSWORD.toCharArray(), Set.of(Role.SUPERVISOR), Set.of());
        }, first));
        nodes.add(Fixture.joining(nodes.get(0), cluster(name, "node-b", ports.get(1), members)));
        nodes.add(Fixture.joining(nodes.get(0), cluster(name, "node-c", ports.get(2), members)));
        await().atMost(WAIT).until(() -> nodes.stream().allMatch(n -> n.platform.cluster().view().members().size() == 3));
        await().atMost(WAIT).until(() -> nodes.stream().filter(n -> n.platform.holdsSwitchLink()).count() == 1);
    }

    private static Map<String, Object> cluster(String name, String node, int port, String members) {
        return Fixture.clusterMember(name, node, port, members);
    }

    @AfterEach
    void stop() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    private Fixture holder() {
        return nodes.stream().filter(n -> n.platform.holdsSwitchLink()).findFirst().orElseThrow();
    }

    private Fixture notHolder() {
        return nodes.stream().filter(n -> !n.platform.holdsSwitchLink()).findFirst().orElseThrow();
    }

    private static String placeCall(Fixture holder, String key) {
        return holder.platform.simulatedSwitch().placeCall(
                new SimulatedCaller(CALLER, "4000", List.of(key), Duration.ofMinutes(5), Duration.ZERO, Map.of()));
    }

    @Test
    void aCallComingInOnOneNodeIsPoppedAndAnsweredOnAnotherAndEveryNodeSeesIt() {
        Fixture switchNode = holder();
        Fixture console = notHolder();
        String token = console.login("agent1", PASSWORD);
        Fixture.ConsoleSocket ws = console.socket(token);
        ws.awaitMessage("hello", m -> true);
        assertThat(console.post("/api/agent/state", token, Map.of("state", "READY")).status()).isEqualTo(200);
        ws.awaitState("READY");

        String callId = placeCall(switchNode, "2");

        JsonNode offered = ws.awaitMessage("call.offered", m -> callId.equals(m.path("callId").asText()));
        assertThat(offered.get("pop").toString()).as("the screen-pop reached the agent's node").contains("李雷");
        // the pop may reach the console's node before the holder's simulator has rung the phone: the answer waits
        Fixture.Response answered = console.post("/api/agent/answer", token, Map.of());
        assertThat(answered.status()).as(answered.body().toString()).isEqualTo(200);
        for (Fixture n : nodes) {
            await().atMost(WAIT).until(() -> n.platform.acd().agent("agent1").orElseThrow().state()
                    == AgentState.ON_CALL);
        }

        assertThat(console.post("/api/agent/hangup", token, Map.of()).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> switchNode.platform.ticketing().calls().find(callId)
                .map(r -> r.outcome() == CallOutcome.ANSWERED && r.endedAt() != null).orElse(false));
        CallRecord rec = switchNode.platform.ticketing().calls().find(callId).orElseThrow();
        assertThat(rec.agent()).isEqualTo("agent1");
        assertThat(rec.queue()).isEqualTo("repair");
        assertThat(console.platform.acd().agent("agent1").orElseThrow().state()).isEqualTo(AgentState.WRAP_UP);

        String boss = nodes.get(2).login("boss", PASSWORD);
        for (Fixture n : nodes) {
            await().atMost(WAIT).until(() -> repair(n, boss).path("answered").asLong() == 1);
            assertThat(repair(n, boss).path("offered").asLong()).as("offered on %s", n.base).isEqualTo(1);
        }
    }

    @Test
    void whenTheNodeHoldingTheSwitchStopsAnotherTakesItAndCallsGoOn() {
        Fixture first = holder();
        Fixture console = nodes.stream().filter(n -> n != first).findFirst().orElseThrow();
        String token = console.login("agent1", PASSWORD);
        Fixture.ConsoleSocket ws = console.socket(token);
        ws.awaitMessage("hello", m -> true);
        assertThat(console.post("/api/agent/state", token, Map.of("state", "READY")).status()).isEqualTo(200);

        nodes.remove(first);
        first.close();

        await().atMost(WAIT).until(() -> nodes.stream().filter(n -> n.platform.holdsSwitchLink()).count() == 1);
        Fixture next = holder();
        assertThat(console.platform.acd().agent("agent1").orElseThrow().state())
                .as("the agent's state outlived the node that stopped").isEqualTo(AgentState.READY);
        String callId = placeCall(next, "2");
        ws.awaitMessage("call.offered", m -> callId.equals(m.path("callId").asText()));
        assertThat(console.post("/api/agent/answer", token, Map.of()).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> console.platform.acd().agent("agent1").orElseThrow().state()
                == AgentState.ON_CALL);
    }

    @Test
    void everyNodesHealthSaysWhichNodeHoldsTheSwitch() {
        Fixture switchNode = holder();
        String holderName = switchNode.platform.settings().cluster().nodeName();
        for (Fixture n : nodes) {
            var link = n.platform.health().components().stream().filter(c -> c.name().equals("switch link"))
                    .findFirst().orElseThrow();
            assertThat(link.up()).isTrue();
            if (n == switchNode) {
                assertThat(link.state()).isEqualTo("HELD");
                assertThat(n.platform.health().components()).anyMatch(c -> c.name().equals("simulator"));
            } else {
                assertThat(link.state()).isEqualTo("STANDBY");
                assertThat(link.detail()).startsWith("held by " + holderName);
                assertThat(n.platform.health().components()).as("an idle switch is not reported")
                        .noneMatch(c -> c.name().equals("simulator"));
            }
        }
    }

    private static JsonNode repair(Fixture node, String token) {
        Fixture.Response r = node.get("/api/stats/live", token);
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode q : r.body().get("queues")) {
            if ("repair".equals(q.get("name").asText())) {
                return q;
            }
        }
        throw new AssertionError("no repair queue in " + r.body());
    }
}
