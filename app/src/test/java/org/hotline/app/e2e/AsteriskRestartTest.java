package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.app.HotlinePlatform;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.DialPlan;
import org.hotline.cti.asterisk.agi.testing.FakeAsteriskAgi;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi.Channel;
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
 * Issue 16: the platform restarts while Asterisk keeps its calls. A caller talking to an agent (the Dial runs inside
 * Asterisk), a caller whose IVR died with the platform and whom the dialplan sent to {@code Queue(hotline-fallback)},
 * and a caller who hung up while the platform was down. The restarted node finds the first two with its first
 * CoreShowChannels, follows them to their Hangup and closes their records (ANSWERED, FALLBACK); the third is closed
 * INTERRUPTED.
 */
class AsteriskRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String AMI_SECRET = "ami-lab-secret";
    private static final String TALKING = "1795376215.71";
    private static final String TALKING_CHANNEL = "PJSIP/trunk-00000023";
    private static final String FALLBACK = "1795376215.72";
    private static final String FALLBACK_CHANNEL = "PJSIP/trunk-00000024";
    private static final String GONE = "1795376215.73";
    private static final String AGENT_CHANNEL = "PJSIP/1001-00000042";
    private static final String BRIDGE = "36f35d4f-b0ef-41fb-a7cf-f2e4db5d8bca";

    private TestDatabase db;
    private FakeAsteriskAmi ami;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        db = TestDatabase.create();
        try (Database database = Database.open(db.config())) {
            Ticketing t = new Ticketing(database, Clock.systemUTC());
            t.customers().create("韩梅梅", CustomerClass.ORDINARY, List.of("13800138000"));
            t.users().create("agent1", "坐席一", "s3cret-pass".toCharArray(), Set.of(Role.AGENT),
                    Set.of("consultation", "repair", "complaint", "operator"));
        }
        ami = new FakeAsteriskAmi("hotline", AMI_SECRET);
        ami.devices(Map.of("PJSIP/1001", "NOT_INUSE"));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        ami.close();
        db.close();
    }

    private HotlinePlatform node() {
        HotlinePlatform p = Nodes.start(db, Fixture.onAsterisk(ami.port(), AMI_SECRET, "agent1=PJSIP/1001"));
        open.add(p);
        await().atMost(WAIT).until(() -> p.asteriskSwitch().amiLinks().values().stream()
                .allMatch(s -> s == org.hotline.cti.asterisk.ami.AmiLinkState.CONNECTED));
        return p;
    }

    private static CallRecord record(HotlinePlatform p, String callId) {
        return p.ticketing().calls().find(callId).orElseThrow();
    }

    private static void hangup(FakeAsteriskAmi.Session session, String channel, String uniqueid) throws IOException {
        session.send("Event: Hangup", "Privilege: call,all", "Channel: " + channel, "ChannelState: 6",
                "ChannelStateDesc: Up", "CallerIDNum: 13800138000", "Uniqueid: " + uniqueid, "Linkedid: " + uniqueid,
                "Cause: 16", "Cause-txt: Normal Clearing");
    }

    @Test
    void callsAsteriskKeptThroughARestartAreFollowedToTheirEndAndTheOthersAreInterrupted() throws Exception {
        HotlinePlatform first = node();
        FakeAsteriskAgi agi = new FakeAsteriskAgi("127.0.0.1", first.asteriskSwitch().agiPort());
        open.add(agi);
        await().atMost(WAIT).until(() -> first.asteriskSwitch().deviceAvailable("PJSIP/1001"));
        first.acd().login("agent1");
        first.acd().ready("agent1");
        ScriptedCall talking = agi.call(CallerPlan.caller(TALKING).callerId("13800138000").channel(TALKING_CHANNEL)
                .requestPath("hotline?flow=main").keys("2").dial(DialPlan.answeredAfter(Duration.ofMillis(50)))
                .build());
        await().atMost(WAIT).until(() -> first.acd().agent("agent1").orElseThrow().state() == AgentState.ON_CALL);
        agi.call(CallerPlan.caller(FALLBACK).callerId("13900000001").channel(FALLBACK_CHANNEL)
                .requestPath("hotline?flow=main").keys("2").build());
        agi.call(CallerPlan.caller(GONE).callerId("13900000002").channel("PJSIP/trunk-00000025")
                .requestPath("hotline?flow=main").keys("2").build());
        String talkingId = first.asteriskSwitch().callIdOf(TALKING).orElseThrow();
        String fallbackId = await().atMost(WAIT).until(() -> first.asteriskSwitch().callIdOf(FALLBACK).orElse(null),
                id -> id != null);
        String goneId = await().atMost(WAIT).until(() -> first.asteriskSwitch().callIdOf(GONE).orElse(null),
                id -> id != null);
        for (String id : List.of(talkingId, fallbackId, goneId)) {
            await().atMost(WAIT).until(() -> first.ticketing().calls().find(id).map(r -> r.queuedAt() != null)
                    .orElse(false));
        }
        Instant answeredAt = record(first, talkingId).answeredAt();
        assertThat(answeredAt).isNotNull();

        // the platform stops; Asterisk keeps the conversation, sends the waiting caller to the fallback queue, and
        // the third caller hangs up meanwhile
        first.close();
        open.remove(first);
        assertThat(talking.isEnded()).as("the conversation's Dial goes on inside Asterisk").isFalse();
        ami.channels(List.of(Channel.of(TALKING_CHANNEL, TALKING).bridged(BRIDGE),
                Channel.of(AGENT_CHANNEL, "1795376215.80").bridged(BRIDGE),
                Channel.of(FALLBACK_CHANNEL, FALLBACK).running("Queue", "hotline-fallback,t,,,300")));
        assertThat(openRecords()).containsExactlyInAnyOrder(talkingId, fallbackId, goneId);

        HotlinePlatform second = node();

        await().atMost(WAIT).until(() -> record(second, goneId).outcome() != null);
        assertThat(record(second, goneId).outcome()).isEqualTo(CallOutcome.INTERRUPTED);
        assertThat(record(second, goneId).hangupCause()).isEqualTo("platform restart");
        assertThat(second.asteriskSwitch().callIdOf(TALKING)).contains(talkingId);
        assertThat(second.asteriskSwitch().callIdOf(FALLBACK)).contains(fallbackId);
        assertThat(record(second, talkingId).outcome()).isNull(); // still talking

        FakeAsteriskAmi.Session session = ami.session(WAIT);
        session.send("Event: BridgeLeave", "Privilege: call,all", "BridgeUniqueid: " + BRIDGE,
                "Channel: " + AGENT_CHANNEL, "Uniqueid: 1795376215.80");
        hangup(session, AGENT_CHANNEL, "1795376215.80");
        hangup(session, TALKING_CHANNEL, TALKING);
        hangup(session, FALLBACK_CHANNEL, FALLBACK);

        await().atMost(WAIT).until(() -> record(second, talkingId).outcome() != null
                && record(second, fallbackId).outcome() != null);
        CallRecord talked = record(second, talkingId);
        assertThat(talked.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(talked.answeredAt()).isEqualTo(answeredAt);
        assertThat(talked.endedAt()).isAfter(answeredAt);
        assertThat(talked.talkMs()).isNotNull().isPositive();
        assertThat(record(second, fallbackId).outcome()).isEqualTo(CallOutcome.FALLBACK);
        assertThat(record(second, fallbackId).hangupCause()).isEqualTo("normal");
        assertThat(second.ticketing().callRecorder().duplicateArrivals()).isZero();
    }

    /** The records without an outcome, read while no node runs. */
    private List<String> openRecords() throws java.sql.SQLException {
        List<String> ids = new ArrayList<>();
        try (var c = db.connect();
             var rs = c.createStatement().executeQuery("SELECT call_id FROM call_records WHERE outcome IS NULL")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
