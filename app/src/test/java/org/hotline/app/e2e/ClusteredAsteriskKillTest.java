package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.DialPlan;
import org.hotline.cti.asterisk.agi.testing.FakeAsteriskAgi;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.hotline.cti.asterisk.ami.AmiLinkState;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.live.LiveCall;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node holding Asterisk's AMI link killed with SIGKILL while callers wait in the queue on a survivor: node B (a
 * child JVM, killed as {@code kill -9} does) starts first and logs in to the fake Asterisk; node A, in this JVM,
 * serves the callers' FastAGI sessions and agent1's console. A caller waits on A before the kill, another comes in
 * on A right after it (while B's death may not be noticed yet, so no node may hold the link). A takes the link over
 * (a second AMI login, and the resync), and when agent1 goes READY both callers are routed, answered and recorded
 * to their end: nothing a caller did is lost with the node that held the link.
 */
class ClusteredAsteriskKillTest {
    private static final String SECRET = "ami-secret-k";
    private static final String PASSWORD = "correct horse 1";
    private static final String CALLER = "13800138000";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private TestDatabase db;
    private FakeAsteriskAmi ami;
    private ChildNode b;
    private Fixture a;
    private FakeAsteriskAgi agi;
    private Path work;

    @AfterEach
    void stop() throws Exception {
        if (agi != null) {
            agi.close();
        }
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (ami != null) {
            ami.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theSurvivorTakesTheAmiLinkOverAndItsWaitingCallersAreRoutedAnsweredAndRecorded() throws Exception {
        db = TestDatabase.create();
        try (Database database = Database.open(db.config())) {
            new Ticketing(database, Clock.systemUTC()).users().create("agent1", "Agent One", PASSWORD.toCharArray(),
                    Set.of(Role.AGENT), Set.of("consultation", "repair", "complaint", "operator"));
        }
        ami = new FakeAsteriskAmi("hotline", SECRET);
        ami.devices(Map.of("PJSIP/1001", "NOT_INUSE"));
        List<Integer> ports = org.hotline.app.cli.DemoCluster.freeLoopbackPorts(2);
        String members = "127.0.0.1:" + ports.get(0) + ",127.0.0.1:" + ports.get(1);
        String name = "akill-" + Long.toHexString(System.nanoTime());

        work = Files.createTempDirectory("hotline-asterisk-kill");
        int portB = ChildNode.freePort();
        Map<String, String> props = new HashMap<>();
        props.put("hotline.db.url", db.config().jdbcUrl());
        props.put("hotline.db.user", db.config().user());
        props.put("hotline.db.password", db.config().password());
        props.put("hotline.db.embedded", "false");
        props.put("hotline.http.host", "127.0.0.1");
        props.put("hotline.http.port", String.valueOf(portB));
        props.put("hotline.telephony", "asterisk");
        props.put("hotline.asterisk.agi.bind", "127.0.0.1");
        props.put("hotline.asterisk.agi.port", "0");
        props.put("hotline.asterisk.agent-devices", "agent1=PJSIP/1001");
        props.put("hotline.asterisk.ami.0.name", "pbx1");
        props.put("hotline.asterisk.ami.0.host", "127.0.0.1");
        props.put("hotline.asterisk.ami.0.port", String.valueOf(ami.port()));
        props.put("hotline.asterisk.ami.0.username", "hotline");
        props.put("hotline.asterisk.ami.0.secret", SECRET);
        Fixture.clusterMember(name, "node-b", ports.get(1), members).forEach((k, v) -> props.put(k, v.toString()));
        b = ChildNode.start(List.of("start"), props, portB, work.resolve("b.out"));
        b.awaitHealthy(WAIT);
        await().atMost(WAIT).until(() -> ami.logins() == 1);

        Map<String, Object> o = new HashMap<>(Fixture.onAsterisk(ami.port(), SECRET, "agent1=PJSIP/1001"));
        o.putAll(Fixture.clusterMember(name, "node-a", ports.get(0), members));
        a = Fixture.on(db, HotlinePlatform.start(Nodes.settings(db, o), Clock.systemUTC()));
        await().atMost(WAIT).until(() -> a.platform.cluster().view().members().size() == 2);
        assertThat(a.platform.holdsSwitchLink()).as("B started first and holds the AMI link").isFalse();
        agi = new FakeAsteriskAgi("127.0.0.1", a.platform.asteriskSwitch().agiPort());

        ScriptedCall first = call("1796164299.1", "PJSIP/lab-trunk-00000001");
        String firstId = await().atMost(WAIT).until(() -> waitingCall(), id -> id != null);
        ami.channels(List.of(
                FakeAsteriskAmi.Channel.of("PJSIP/lab-trunk-00000001", "1796164299.1").running("AGI", "agi://node-a"),
                FakeAsteriskAmi.Channel.of("PJSIP/lab-trunk-00000002", "1796164299.2").running("AGI", "agi://node-a")));

        // B made the ACD's entry before A joined: kill it once A holds the backup (a member that dies before
        // its only copy is replicated loses the ACD, which then starts again empty: see ClusteredAcdTest)
        await().atMost(WAIT).until(() -> ((org.hotline.cluster.MemberNode) a.platform.cluster()).hazelcast()
                .getPartitionService().isClusterSafe());
        b.kill();
        ScriptedCall second = call("1796164299.2", "PJSIP/lab-trunk-00000002");

        await().atMost(WAIT).until(() -> a.platform.holdsSwitchLink());
        await().atMost(WAIT).until(() -> a.platform.asteriskSwitch().amiLinks().get("pbx1")
                == AmiLinkState.CONNECTED);
        assertThat(ami.logins()).as("the survivor logged in to Asterisk").isEqualTo(2);
        await().atMost(WAIT).until(() -> a.platform.liveCalls().active().size() == 2);
        String secondId = a.platform.liveCalls().active().stream().map(LiveCall::callId)
                .filter(id -> !id.equals(firstId)).findFirst().orElseThrow();

        String token = a.login("agent1", PASSWORD);
        Fixture.ConsoleSocket ws = a.socket(token);
        ws.awaitMessage("hello", m -> true);
        await().atMost(WAIT).until(() -> a.platform.asteriskSwitch().deviceAvailable("PJSIP/1001"));
        assertThat(a.post("/api/agent/state", token, Map.of("state", "READY")).status()).isEqualTo(200);
        List<String> served = new java.util.ArrayList<>();
        for (int n = 0; n < 2; n++) {
            JsonNode offered = ws.awaitMessage("call.offered", m -> !served.contains(m.path("callId").asText()));
            String callId = offered.path("callId").asText();
            served.add(callId);
            await().atMost(WAIT).until(() -> a.platform.acd().agent("agent1").orElseThrow().state()
                    == AgentState.ON_CALL);
            ScriptedCall answered = callId.equals(firstId) ? first : second;
            String channel = callId.equals(firstId) ? "PJSIP/lab-trunk-00000001" : "PJSIP/lab-trunk-00000002";
            String uniqueid = callId.equals(firstId) ? "1796164299.1" : "1796164299.2";
            await().atMost(WAIT).until(() -> a.platform.asteriskSwitch().callIdOf(uniqueid).isPresent());
            hangup(ami.session(Duration.ofSeconds(5)), channel, uniqueid);
            answered.endConversation();
            await().atMost(WAIT).until(() -> a.platform.ticketing().calls().find(callId)
                    .map(r -> r.endedAt() != null).orElse(false));
            assertThat(answered.awaitEnd(WAIT)).isTrue();
            await().atMost(WAIT).until(() -> a.platform.acd().agent("agent1").orElseThrow().state()
                    == AgentState.WRAP_UP);
            // the wrap-up may end by its timer first: then the finish is refused and the agent is READY anyway
            a.post("/api/agent/wrapup/finish", token, Map.of());
            await().atMost(WAIT).until(() -> a.platform.acd().agent("agent1").orElseThrow().state()
                    != AgentState.WRAP_UP);
        }

        assertThat(served).containsExactlyInAnyOrder(firstId, secondId);
        for (String callId : List.of(firstId, secondId)) {
            CallRecord rec = a.platform.ticketing().calls().find(callId).orElseThrow();
            assertThat(rec.outcome()).as(callId).isEqualTo(CallOutcome.ANSWERED);
            assertThat(rec.agent()).as(callId).isEqualTo("agent1");
            assertThat(rec.ani()).as(callId).isEqualTo(CALLER);
        }
    }

    private ScriptedCall call(String uniqueid, String channel) {
        return agi.call(CallerPlan.caller(uniqueid).callerId(CALLER).channel(channel)
                .requestPath("hotline?flow=main").keys("2").dial(DialPlan.answeredAfter(Duration.ofMillis(300)))
                .build());
    }

    /** The id of the call waiting in a queue on A, once it waits there. */
    private String waitingCall() {
        return a.platform.liveCalls().active().stream().filter(c -> c.phase() == LiveCall.Phase.QUEUED)
                .map(LiveCall::callId).findFirst().orElse(null);
    }

    private static void hangup(FakeAsteriskAmi.Session session, String channel, String uniqueid) throws IOException {
        session.send("Event: Hangup", "Privilege: call,all", "Channel: " + channel, "ChannelState: 6",
                "ChannelStateDesc: Up", "CallerIDNum: " + CALLER, "Uniqueid: " + uniqueid, "Linkedid: " + uniqueid,
                "Cause: 16", "Cause-txt: Normal Clearing");
    }
}
