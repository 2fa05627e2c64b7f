package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.app.HotlinePlatform;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.DialPlan;
import org.hotline.cti.asterisk.agi.testing.FakeAsteriskAgi;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.hotline.cti.asterisk.ami.AmiLinkState;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes of a cluster on Asterisk, in one JVM (three Hazelcast members and clustered Vert.x over real TCP, one
 * database), against a fake AMI server and fake Asterisk FastAGI clients that speak the captured wire: every node
 * listens for FastAGI, the first node holds the AMI link. A call's session comes in on node A, its agent's console is
 * on node C, and the dialplan's {@code hotline-answered} gosub reaches node C too: the call is still popped,
 * answered, followed by the link's holder and ended.
 */
class ClusteredAsteriskCallTest {
    private static final String SECRET = "ami-secret-3";
    private static final String PASSWORD = "correct horse 1";
    private static final String CALLER = "13800138000";
    private static final String UNIQUEID = "1796164299.0";
    private static final String CHANNEL = "PJSIP/lab-trunk-00000001";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<AutoCloseable> open = new ArrayList<>();
    private FakeAsteriskAmi ami;
    private TestDatabase db;
    private Fixture holder;
    private Fixture a;
    private Fixture c;

    @BeforeEach
    void startThreeNodes() throws Exception {
        ami = new FakeAsteriskAmi("hotline", SECRET);
        ami.devices(Map.of("PJSIP/1001", "NOT_INUSE"));
        db = TestDatabase.create();
        try (Database database = Database.open(db.config())) {
            Ticketing t = new Ticketing(database, Clock.systemUTC());
            t.users().create("agent1", "Agent One", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                    Set.of("consultation", "repair", "complaint", "operator"));
            t.customers().create("李雷", CustomerClass.ORDINARY, List.of(CALLER));
        }
        List<Integer> ports = org.hotline.app.cli.DemoCluster.freeLoopbackPorts(3);
        String members = String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
        String name = "agi-" + Long.toHexString(System.nanoTime());
        holder = node(name, "node-h", ports.get(0), members);
        await().atMost(WAIT).until(() -> holder.platform.asteriskSwitch().amiLinks().get("pbx1")
                == AmiLinkState.CONNECTED);
        a = node(name, "node-a", ports.get(1), members);
        c = node(name, "node-c", ports.get(2), members);
        for (Fixture f : List.of(holder, a, c)) {
            await().atMost(WAIT).until(() -> f.platform.cluster().view().members().size() == 3);
        }
        await().atMost(WAIT).until(() -> holder.platform.asteriskSwitch().deviceAvailable("PJSIP/1001"));
    }

    private Fixture node(String cluster, String node, int port, String members) {
        Map<String, Object> o = new HashMap<>(Fixture.queues("20s", "10m"));
        o.putAll(Fixture.onAsterisk(ami.port(), SECRET, "agent1=PJSIP/1001"));
        o.putAll(Fixture.clusterMember(cluster, node, port, members));
        Fixture f = Fixture.on(db, HotlinePlatform.start(Nodes.settings(db, o), Clock.systemUTC()));
        open.add(0, f);
        return f;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable x : open) {
            x.close();
        }
        if (db != null) {
            db.close();
        }
        if (ami != null) {
            ami.close();
        }
    }

    private FakeAsteriskAgi agi(Fixture node) {
        FakeAsteriskAgi fake = new FakeAsteriskAgi("127.0.0.1", node.platform.asteriskSwitch().agiPort());
        open.add(0, fake);
        return fake;
    }

    @Test
    void aCallWhoseSessionsReachTwoOtherNodesThanTheLinkIsPoppedAnsweredFollowedAndEnded() throws Exception {
        assertThat(holder.platform.holdsSwitchLink()).isTrue();
        assertThat(a.platform.holdsSwitchLink()).isFalse();
        assertThat(ami.logins()).as("only the holder logs in to Asterisk").isEqualTo(1);
        for (Fixture f : List.of(holder, a, c)) {
            assertThat(f.platform.health().components()).as("every node listens for FastAGI")
                    .anyMatch(h -> h.name().equals("fastagi") && h.up());
        }
        String token = c.login("agent1", PASSWORD);
        Fixture.ConsoleSocket ws = c.socket(token);
        ws.awaitMessage("hello", m -> true);
        assertThat(c.post("/api/agent/state", token, Map.of("state", "READY")).status()).isEqualTo(200);
        ws.awaitState("READY");

        FakeAsteriskAgi onC = agi(c);
        FakeAsteriskAgi onA = agi(a).answeredSessionsTo(onC);
        ScriptedCall call = onA.call(CallerPlan.caller(UNIQUEID).callerId(CALLER).channel(CHANNEL)
                .requestPath("hotline?flow=main").keys("2").dial(DialPlan.answeredAfter(Duration.ofMillis(300)))
                .build());

        JsonNode offered = ws.awaitMessage("call.offered", m -> true);
        String callId = offered.path("callId").asText();
        assertThat(offered.get("pop").toString()).as("the screen-pop reached the agent's node").contains("李雷");
        for (Fixture f : List.of(holder, a, c)) {
            await().atMost(WAIT).until(() -> f.platform.acd().agent("agent1").orElseThrow().state()
                    == AgentState.ON_CALL);
        }
        assertThat(call.answeredLeg()).as("the answered gosub's session went to node C").isPresent();
        assertThat(call.dialed()).singleElement().asString().startsWith("PJSIP/1001,");
        assertThat(holder.platform.asteriskSwitch().callIdOf(UNIQUEID)).as("the link's holder follows the call")
                .contains(callId);
        assertThat(a.platform.asteriskSwitch().callIdOf(UNIQUEID)).as("not the node without the link").isEmpty();

        // Asterisk ends the call: only the holder hears it over AMI, and every node sees the agent wrap up
        hangup(ami.session(Duration.ofSeconds(5)));
        call.endConversation();
        await().atMost(WAIT).until(() -> holder.platform.ticketing().calls().find(callId)
                .map(r -> r.endedAt() != null).orElse(false));
        CallRecord rec = holder.platform.ticketing().calls().find(callId).orElseThrow();
        assertThat(rec.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(rec.agent()).isEqualTo("agent1");
        for (Fixture f : List.of(holder, a, c)) {
            await().atMost(WAIT).until(() -> f.platform.acd().agent("agent1").orElseThrow().state()
                    == AgentState.WRAP_UP);
        }
        assertThat(call.awaitEnd(WAIT)).isTrue();
        assertThat(call.problem()).isNull();
    }

    @Test
    void whenTheHolderStopsTheNewHolderFollowsTheCallsOtherNodesAreServing() throws Exception {
        FakeAsteriskAgi onA = agi(a);
        ScriptedCall waiting = onA.call(CallerPlan.caller(UNIQUEID).callerId(CALLER).channel(CHANNEL)
                .requestPath("hotline?flow=main").keys("2").dial(DialPlan.noAnswer(Duration.ofSeconds(50))).build());
        String callId = await().atMost(WAIT).until(() -> holder.platform.asteriskSwitch().callIdOf(UNIQUEID)
                .orElse(null), id -> id != null);
        assertThat(a.platform.asteriskSwitch().callIdOf(UNIQUEID)).isEmpty();
        ami.channels(List.of(FakeAsteriskAmi.Channel.of(CHANNEL, UNIQUEID).running("AGI", "agi://node-a")));

        open.remove(holder);
        holder.close();

        Fixture next = await().atMost(WAIT).until(() -> List.of(a, c).stream()
                .filter(f -> f.platform.holdsSwitchLink()).findFirst().orElse(null), f -> f != null);
        await().atMost(WAIT).until(() -> next.platform.asteriskSwitch().amiLinks().get("pbx1")
                == AmiLinkState.CONNECTED);
        await().atMost(WAIT).alias("the new holder follows the call node A still serves")
                .until(() -> next.platform.asteriskSwitch().callIdOf(UNIQUEID).isPresent());
        assertThat(next.platform.asteriskSwitch().callIdOf(UNIQUEID)).contains(callId);
        assertThat(waiting.isEnded()).as("the caller's session on node A went on").isFalse();

        // the caller hangs up: the new holder hears it and the call's record ends
        hangup(ami.session(Duration.ofSeconds(5)));
        await().atMost(WAIT).until(() -> next.platform.ticketing().calls().find(callId)
                .map(r -> r.endedAt() != null).orElse(false));
        assertThat(next.platform.ticketing().calls().find(callId).orElseThrow().outcome())
                .isNotEqualTo(CallOutcome.INTERRUPTED);
    }

    private static void hangup(FakeAsteriskAmi.Session session) throws IOException {
        session.send("Event: Hangup", "Privilege: call,all", "Channel: " + CHANNEL, "ChannelState: 6",
                "ChannelStateDesc: Up", "CallerIDNum: " + CALLER, "Uniqueid: " + UNIQUEID, "Linkedid: " + UNIQUEID,
                "Cause: 16", "Cause-txt: Normal Clearing");
    }
}
