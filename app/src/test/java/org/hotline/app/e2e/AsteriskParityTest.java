package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.DialPlan;
import org.hotline.cti.asterisk.agi.testing.FakeAsteriskAgi;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.cti.sim.SimulatedCaller;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.callback.CallbackQuery;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackStatus;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The same IVR flow gives the same call record on the simulator and on Asterisk: a known customer calls, presses 2,
 * reaches the repair queue, agent1 answers, the caller hangs up. On Asterisk the call arrives over FastAGI from a peer
 * speaking Asterisk's side of the wire, and its hang-up comes from an AMI server speaking Asterisk Manager.
 */
class AsteriskParityTest {
    private static final String PASSWORD = "s3cret-pass";
    private static final String CALLER = "13800138000";
    private static final String AMI_SECRET = "ami-lab-secret";

    private Fixture f;
    private FakeAsteriskAmi ami;
    private FakeAsteriskAgi agi;
    private long customerId;
    private final List<CallbackRequest> callbacks = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (agi != null) {
            agi.close();
        }
        if (f != null) {
            f.close();
        }
        if (ami != null) {
            ami.close();
        }
    }

    private Fixture start(Map<String, Object> overrides) {
        Map<String, Object> o = new HashMap<>(Fixture.queues("20s", "10m"));
        o.putAll(overrides);
        return Fixture.start(t -> {
            customerId = t.customers().create("韩梅梅", CustomerClass.ORDINARY, List.of(CALLER)).id();
            t.users().create("agent1", "坐席一", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                    Set.of("consultation", "repair", "complaint", "operator"));
        }, o);
    }

    private void agentReady() {
        String token = f.login("agent1", PASSWORD);
        Fixture.Response r = f.post("/api/agent/state", token, Map.of("state", "READY"));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    }

    /** The switch's id stored with the call's record. */
    private String switchCallId(String callId) {
        try (var c = f.db.connect();
             var st = c.prepareStatement("SELECT switch_call_id FROM call_records WHERE call_id = ?")) {
            st.setString(1, callId);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private CallRecord awaitRecord(String callId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.ticketing().calls().find(callId)
                .map(r -> r.outcome() != null).orElse(false));
        return f.platform.ticketing().calls().find(callId).orElseThrow();
    }

    private CallRecord onTheSimulator() {
        f = start(Map.of());
        agentReady();
        String token = f.login("agent1", PASSWORD);
        String callId = f.platform.simulatedSwitch().placeCall(new SimulatedCaller(CALLER, "4000", List.of("2"),
                Duration.ofMinutes(5), Duration.ofMillis(300), Map.of()));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                f.platform.acd().agent("agent1").orElseThrow().state() == AgentState.RESERVED);
        assertThat(f.post("/api/agent/answer", token, Map.of()).status()).isEqualTo(200);
        CallRecord rec = awaitRecord(callId);
        f.close();
        f = null;
        return rec;
    }

    /**
     * The platform on {@code AsteriskSwitch} against the fakes: AMI logged in (phone 1001 idle), FastAGI peer ready.
     */
    private FakeAsteriskAmi.Session startOnAsterisk() throws Exception {
        ami = new FakeAsteriskAmi("hotline", AMI_SECRET);
        ami.devices(Map.of("PJSIP/1001", "NOT_INUSE"));
        f = start(Fixture.onAsterisk(ami.port(), AMI_SECRET, "agent1=PJSIP/1001"));
        FakeAsteriskAmi.Session session = ami.session(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(session::loggedIn);
        // CONNECTED once resynchronised: a call arriving before that would be ended by the resync (not listed yet)
        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.asteriskSwitch().amiLinks().get("pbx1")
                == org.hotline.cti.asterisk.ami.AmiLinkState.CONNECTED);
        agi = new FakeAsteriskAgi("127.0.0.1", f.platform.asteriskSwitch().agiPort());
        return session;
    }

    /** AMI reports the hang-up of the caller's channel, as Asterisk does once the caller has gone. */
    private static void callerHungUp(FakeAsteriskAmi.Session session, String channel, String uniqueid)
            throws IOException {
        session.send("Event: Hangup", "Privilege: call,all", "Channel: " + channel,
                "ChannelState: 6", "ChannelStateDesc: Up", "CallerIDNum: " + CALLER, "Uniqueid: " + uniqueid,
                "Linkedid: " + uniqueid, "Cause: 16", "Cause-txt: Normal Clearing");
    }

    private CallRecord onAsterisk() throws Exception {
        FakeAsteriskAmi.Session session = startOnAsterisk();
        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.asteriskSwitch().deviceAvailable("PJSIP/1001"));
        agentReady();

        String uniqueid = "1795376215.71";
        CallerPlan plan = CallerPlan.caller(uniqueid).callerId(CALLER).channel("PJSIP/trunk-00000023")
                .requestPath("hotline?flow=main").keys("2")
                .dial(DialPlan.answeredAfter(Duration.ofMillis(100))).build();
        ScriptedCall call = agi.call(plan);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                f.platform.acd().agent("agent1").orElseThrow().state() == AgentState.ON_CALL);
        // the platform's own id, not the uniqueid (which repeats across Asterisk restarts), names the call
        String callId = f.platform.asteriskSwitch().callIdOf(uniqueid).orElseThrow();
        assertThat(callId).startsWith("ast-").isNotEqualTo(uniqueid);
        assertThat(call.dialed()).singleElement().asString()
                .isEqualTo("PJSIP/1001,20,tU(hotline-answered^" + callId + ")");

        // the caller hangs up: the Dial ends inside Asterisk, and AMI reports the caller channel's hang-up
        call.endConversation();
        assertThat(call.awaitEnd(Duration.ofSeconds(20))).isTrue();
        callerHungUp(session, "PJSIP/trunk-00000023", uniqueid);
        CallRecord rec = awaitRecord(callId);
        assertThat(switchCallId(callId)).isEqualTo(uniqueid);
        return rec;
    }

    /** Nobody is ready: the caller waits, presses a key, accepts the callback offer and confirms the own number. */
    private CallRecord callbackOnTheSimulator() {
        f = start(Map.of());
        String callId = f.platform.simulatedSwitch().placeCall(new SimulatedCaller(CALLER, "4000",
                List.of("2", "5", "1", "1"), Duration.ofMinutes(5), null, Map.of()));
        CallRecord rec = awaitRecord(callId);
        callbacks.addAll(f.platform.ticketing().callbacks().list(CallbackQuery.open(10)));
        f.close();
        f = null;
        return rec;
    }

    private CallRecord callbackOnAsterisk() throws Exception {
        FakeAsteriskAmi.Session session = startOnAsterisk();

        String uniqueid = "1795376215.72";
        CallerPlan plan = CallerPlan.caller(uniqueid).callerId(CALLER).channel("PJSIP/trunk-00000024")
                .requestPath("hotline?flow=main").keys("2", "5", "1", "1").build();
        ScriptedCall call = agi.call(plan);
        assertThat(call.awaitEnd(Duration.ofSeconds(20))).isTrue();
        assertThat(call.endedByPlatform()).as("the platform hangs up after the confirmation").isTrue();
        assertThat(call.commands()).anyMatch(c -> c.startsWith("STREAM FILE hotline/callback-offer"))
                .anyMatch(c -> c.startsWith("SAY DIGITS " + CALLER))
                .anyMatch(c -> c.startsWith("STREAM FILE hotline/callback-accepted"));
        String callId = f.platform.asteriskSwitch().callIdOf(uniqueid).orElseThrow();
        callerHungUp(session, "PJSIP/trunk-00000024", uniqueid);
        CallRecord rec = awaitRecord(callId);
        callbacks.addAll(f.platform.ticketing().callbacks().list(CallbackQuery.open(10)));
        return rec;
    }

    @Test
    void aCallbackBookedWhileWaitingGivesTheSameRecordAndRequestOnBoth() throws Exception {
        CallRecord sim = callbackOnTheSimulator();
        CallRecord ast = callbackOnAsterisk();

        for (CallRecord r : List.of(sim, ast)) {
            assertThat(r.outcome()).isEqualTo(CallOutcome.CALLBACK_REQUESTED);
            assertThat(r.answeredAt()).isNull();
            assertThat(r.queue()).isEqualTo("repair");
            assertThat(r.waitMs()).isNotNull();
        }
        assertThat(ast).usingRecursiveComparison()
                .comparingOnlyFields("ani", "queue", "agent", "outcome", "ivrPath", "digits")
                .isEqualTo(sim);
        assertThat(callbacks).hasSize(2).allSatisfy(c -> {
            assertThat(c.phone()).isEqualTo(CALLER);
            assertThat(c.queue()).isEqualTo("repair");
            assertThat(c.status()).isEqualTo(CallbackStatus.PENDING);
            assertThat(c.customerName()).isEqualTo("韩梅梅");
        });
        assertThat(callbacks).extracting(CallbackRequest::callId).containsExactly(sim.callId(), ast.callId());
    }

    @Test
    void theSameCallGivesTheSameRecordOnTheSimulatorAndOverFastAgi() throws Exception {
        CallRecord sim = onTheSimulator();
        CallRecord ast = onAsterisk();

        for (CallRecord r : List.of(sim, ast)) {
            assertThat(r.outcome()).isEqualTo(CallOutcome.ANSWERED);
            assertThat(List.of(r.arrivedAt(), r.ivrEndedAt(), r.queuedAt(), r.offeredAt(), r.answeredAt(),
                    r.endedAt())).doesNotContainNull().isSorted();
        }
        assertThat(ast).usingRecursiveComparison()
                .comparingOnlyFields("ani", "queue", "agent", "outcome", "ivrPath", "digits", "hangupCause")
                .isEqualTo(sim);
        assertThat(ast.customerId()).isEqualTo(customerId);
    }
}
