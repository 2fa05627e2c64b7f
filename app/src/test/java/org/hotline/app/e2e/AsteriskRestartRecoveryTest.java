package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.cti.asterisk.ami.AmiLinkState;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.routing.CallContext;
import org.hotline.platform.routing.EnqueueOutcome;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A whole node on Asterisk (FastAGI + AMI against the fakes) through an Asterisk restart replayed from the Asterisk 22
 * capture {@code a22-ami-restart-qualify.txt}: while Asterisk is away, {@code /api/health} says DEGRADED with the AMI
 * link's state and since when; at the restart every READY agent goes NOT_READY {@code device-unavailable} (every PJSIP
 * phone is UNAVAILABLE until its first qualify); the qualify burst brings agents 1, 2 and 4 back READY; agent 3, who
 * had chosen a break, stays NOT_READY; agent 5, whose phone stays unreachable, stays NOT_READY and is never offered a
 * call (so never dialled).
 */
class AsteriskRestartRecoveryTest {
    private static final String PASSWORD = "s3cret-pass";
    private static final String AMI_SECRET = "ami-lab-secret";
    private static final String CAPTURE = "a22-ami-restart-qualify.txt";
    private static final List<String> AGENTS = List.of("agent1", "agent2", "agent3", "agent4", "agent5");

    private final List<AgentStateChanged> seen = new CopyOnWriteArrayList<>();
    private Fixture f;
    private FakeAsteriskAmi ami;

    @AfterEach
    void stop() throws Exception {
        if (f != null) {
            f.close();
        }
        if (ami != null) {
            ami.close();
        }
    }

    private static String phone(String agent) {
        return "PJSIP/100" + agent.substring("agent".length());
    }

    private void startOnAsterisk() throws Exception {
        ami = new FakeAsteriskAmi("hotline", AMI_SECRET);
        Map<String, String> idle = new LinkedHashMap<>();
        AGENTS.forEach(a -> idle.put(phone(a), "NOT_INUSE"));
        ami.devices(idle);
        Map<String, Object> o = new HashMap<>(Fixture.queues("20s", "10m"));
        o.putAll(Fixture.onAsterisk(ami.port(), AMI_SECRET, String.join(",", AGENTS.stream()
                .map(a -> a + "=" + phone(a)).toList())));
        f = Fixture.start(t -> {
            for (String a : AGENTS) {
                t.users().create(a, "坐席" + a.substring(5), PASSWORD.toCharArray(), Set.of(Role.AGENT),
                        Set.of("consultation", "repair", "complaint", "operator"));
            }
            t.users().create("boss", "主管", PASSWORD.toCharArray(), Set.of(Role.SUPERVISOR), Set.of());
        }, o);
        await().atMost(Duration.ofSeconds(20)).until(() -> linkState() == AmiLinkState.CONNECTED);
        f.platform.bus().subscribe(AgentStateChanged.class, seen::add);
    }

    private AmiLinkState linkState() {
        return f.platform.asteriskSwitch().amiLinks().get("pbx1");
    }

    private AgentSnapshot agent(String name) {
        return f.platform.acd().agent(name).orElseThrow();
    }

    private static JsonNode part(JsonNode health, String name) {
        for (JsonNode c : health.path("components")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no part " + name + " in " + health);
    }

    /** The capture from FullyBooted to the qualify burst's end (before the client's last lists at +40 s). */
    private static List<AmiCapture.Block> bootAndQualify(AmiCapture capture) {
        List<AmiCapture.Block> blocks = capture.afterLogin();
        int booted = -1;
        int last = -1;
        for (int i = 0; i < blocks.size(); i++) {
            if (booted < 0 && blocks.get(i).isEvent("FullyBooted")) {
                booted = i;
            }
            if ("contacts-3".equals(blocks.get(i).field("ActionID"))) {
                last = i;
            }
        }
        return blocks.subList(booted, last);
    }

    @Test
    void afterAnAsteriskRestartTheAgentsTheSwitchTookAwayAreReadyAgainOnceTheirPhonesAreReachable() throws Exception {
        startOnAsterisk();
        Map<String, String> tokens = new HashMap<>();
        for (String a : AGENTS) {
            tokens.put(a, f.login(a, PASSWORD));
            assertThat(f.post("/api/agent/state", tokens.get(a), Map.of("state", "READY")).status()).isEqualTo(200);
        }
        Fixture.Response brk = f.post("/api/agent/state", tokens.get("agent3"),
                Map.of("state", "NOT_READY", "reason", "break"));
        assertThat(brk.status()).as(brk.body().toString()).isEqualTo(200);
        String boss = f.login("boss", PASSWORD);
        Fixture.Response healthy = f.get("/api/health", boss);
        assertThat(healthy.status()).isEqualTo(200);
        assertThat(healthy.body().path("status").asText()).isEqualTo("UP");
        assertThat(healthy.body().path("components")).extracting(c -> c.path("name").asText())
                .containsExactly("database", "ami:pbx1", "fastagi", "cluster");
        assertThat(part(healthy.body(), "cluster").path("state").asText()).isEqualTo("STANDALONE");
        assertThat(part(healthy.body(), "ami:pbx1").path("state").asText()).isEqualTo("CONNECTED");
        assertThat(part(healthy.body(), "fastagi").path("state").asText()).isEqualTo("LISTENING");

        // Asterisk stops
        Instant stopped = Instant.now();
        ami.refuse(true);
        ami.dropAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> linkState() != AmiLinkState.CONNECTED);
        Fixture.Response degraded = f.get("/api/health", boss);
        assertThat(degraded.status()).as("DEGRADED still answers 200").isEqualTo(200);
        assertThat(degraded.body().path("status").asText()).isEqualTo("DEGRADED");
        JsonNode link = part(degraded.body(), "ami:pbx1");
        assertThat(link.path("up").asBoolean()).isFalse();
        assertThat(link.path("state").asText()).isIn("RECONNECTING", "SYNCING");
        assertThat(Instant.parse(link.path("since").asText())).isAfterOrEqualTo(stopped.minusMillis(5));
        assertThat(link.path("detail").asText()).startsWith("127.0.0.1:" + ami.port()).doesNotContain(AMI_SECRET);
        Fixture.Response anonymous = f.get("/api/health", null);
        assertThat(anonymous.body().path("status").asText()).isEqualTo("DEGRADED");
        assertThat(anonymous.raw().body()).doesNotContain("127.0.0.1").doesNotContain(AMI_SECRET);

        // Asterisk starts again and takes the login before it has booted: DeviceStateList is refused, as captured
        AmiCapture capture = AmiCapture.load(CAPTURE);
        String refusal = capture.afterLogin().stream()
                .filter(b -> b.isResponse() && "dsl-1".equals(b.field("ActionID"))).findFirst().orElseThrow()
                .field("Message");
        ami.respond("DeviceStateList", (session, a) -> session.respond(a, "Error", "Message: " + refusal));
        ami.refuse(false);
        await().atMost(Duration.ofSeconds(20)).until(() -> linkState() == AmiLinkState.CONNECTED);
        FakeAsteriskAmi.Session session = ami.session(Duration.ofSeconds(10));
        FakeAsteriskAmi.Script script = session.script(bootAndQualify(capture), Set.of("DeviceStateList"));

        // the list after FullyBooted: every phone UNAVAILABLE; then the qualify burst
        script.start().await(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(agent("agent1").state()).isEqualTo(AgentState.READY);
            assertThat(agent("agent2").state()).isEqualTo(AgentState.READY);
            assertThat(agent("agent4").state()).isEqualTo(AgentState.READY);
        });
        for (String a : List.of("agent1", "agent2", "agent4", "agent5")) {
            assertThat(agentEvents(a)).as(a + " went NOT_READY device-unavailable at the restart").isNotEmpty();
        }
        assertThat(agent("agent3").state()).isEqualTo(AgentState.NOT_READY);
        assertThat(agent("agent3").reason()).as("the agent's own break is kept").isEqualTo("break");
        assertThat(agent("agent5").state()).isEqualTo(AgentState.NOT_READY);
        assertThat(agent("agent5").reason()).isEqualTo("device-unavailable");

        // calls come: the three READY agents take one each, the fourth waits; 1005 is never rung
        List<CallOffered> offers = new ArrayList<>();
        try (var sub = f.platform.bus().subscribe(CallOffered.class, offers::add)) {
            List<WaitingCall> calls = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                EnqueueOutcome queued = f.platform.acd().enqueue(new CallContext("restart-" + i, "1380013800" + i,
                        "4008", null, null, null, "main>1", "1", "consultation", 0, Instant.now(), null));
                assertThat(queued).isInstanceOf(EnqueueOutcome.Queued.class);
                calls.add(((EnqueueOutcome.Queued) queued).call());
            }
            List<String> reserved = new ArrayList<>();
            for (WaitingCall c : calls) {
                Optional<Reservation> r = c.awaitReservation(Duration.ZERO);
                r.ifPresent(x -> reserved.add(x.agent()));
            }
            assertThat(reserved).containsExactlyInAnyOrder("agent1", "agent2", "agent4");
            assertThat(offers).extracting(CallOffered::device).doesNotContain("PJSIP/1005", "PJSIP/1003");
        }

        Fixture.Response back = f.get("/api/health", boss);
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body().path("status").asText()).isEqualTo("UP");
        assertThat(Instant.parse(part(back.body(), "ami:pbx1").path("since").asText())).isAfter(
                Instant.parse(link.path("since").asText()));
    }

    /** The NOT_READY device-unavailable moves of {@code agent} seen on the bus. */
    private List<AgentStateChanged> agentEvents(String agent) {
        return seen.stream().filter(e -> e.agent().equals(agent) && e.state() == AgentState.NOT_READY
                && "device-unavailable".equals(e.reason())).toList();
    }
}
