package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.DialPlan;
import org.hotline.cti.asterisk.agi.testing.FakeAsteriskAgi;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.interactions.calls.AgentCallControl;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The console's attended transfer on Asterisk, end to end: the call arrives over FastAGI, the agent's phone is dialled
 * with {@code t}, and the AMI side replays Asterisk 22's a22-ami-atxfer-dial-t.txt (Atxfer → DTMFEnd, Hold, the Local
 * consult leg, BridgeMerge, AttendedTransfer, the agent's Hangup, the caller's end).
 */
class AsteriskAttendedTransferTest {
    private static final String PASSWORD = "s3cret-pass";
    private static final String AMI_SECRET = "ami-lab-secret";
    /** The caller of the capture: its uniqueid and channel are the call's on the FastAGI side too. */
    private static final String CALL = "1796164244.0";
    private static final String CALLER_CHANNEL = "PJSIP/lab-trunk-00000000";
    /** The platform's id of the call (not the uniqueid), known once the caller is through to the agent. */
    private String callId;

    private Fixture f;
    private FakeAsteriskAmi ami;
    private FakeAsteriskAgi agi;
    private ScriptedCall call;
    private final Logger routesLog = (Logger) LoggerFactory.getLogger(AgentCallControl.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @AfterEach
    void stop() throws Exception {
        routesLog.detachAppender(logged);
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

    /** Platform on Asterisk (the fakes), agent1 on PJSIP/1001 READY, then the capture's caller answered by agent1. */
    private FakeAsteriskAmi.Session agentTalksToTheCaller() throws Exception {
        logged.start();
        routesLog.addAppender(logged);
        ami = new FakeAsteriskAmi("hotline", AMI_SECRET);
        ami.devices(Map.of("PJSIP/1001", "NOT_INUSE"));
        Map<String, Object> o = new HashMap<>(Fixture.queues("20s", "10m"));
        o.putAll(Fixture.onAsterisk(ami.port(), AMI_SECRET, "agent1=PJSIP/1001"));
        f = Fixture.start(t -> {
            t.customers().create("韩梅梅", CustomerClass.ORDINARY, List.of("13800138000"));
            t.users().create("agent1", "坐席一", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                    Set.of("consultation", "repair", "complaint", "operator"));
        }, o);
        FakeAsteriskAmi.Session session = ami.session(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(session::loggedIn);
        agi = new FakeAsteriskAgi("127.0.0.1", f.platform.asteriskSwitch().agiPort());
        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.asteriskSwitch().deviceAvailable("PJSIP/1001"));
        assertThat(f.post("/api/agent/state", token(), Map.of("state", "READY")).status()).isEqualTo(200);

        call = agi.call(CallerPlan.caller(CALL).callerId("13800138000").channel(CALLER_CHANNEL)
                .requestPath("hotline?flow=main").keys("2").dial(DialPlan.answeredAfter(Duration.ofMillis(100)))
                .build());
        await().atMost(Duration.ofSeconds(20)).until(() -> state() == AgentState.ON_CALL);
        assertThat(call.dialed()).singleElement().asString().startsWith("PJSIP/1001,20,t");
        callId = f.platform.asteriskSwitch().callIdOf(CALL).orElseThrow(); // the platform's id of that uniqueid
        return session;
    }

    private String token() {
        return f.login("agent1", PASSWORD);
    }

    private AgentState state() {
        return f.platform.acd().agent("agent1").orElseThrow().state();
    }

    /** Waits until the platform has handled every AMI event sent so far (they are handled in order). */
    private void drain(FakeAsteriskAmi.Session session, String marker) throws Exception {
        session.send("Event: DeviceStateChange", "Privilege: call,all", "Device: PJSIP/" + marker,
                "State: NOT_INUSE");
        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.asteriskSwitch().deviceAvailable("PJSIP/"
                + marker));
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void anAttendedTransferFromTheConsoleMovesTheCallerTo1002AndTheAgentToWrapUp() throws Exception {
        FakeAsteriskAmi.Session session = agentTalksToTheCaller();
        List<AmiCapture.Block> capture = AmiCapture.load("a22-ami-atxfer-dial-t.txt").afterLogin();
        FakeAsteriskAmi.Script script = session.play(capture, Set.of("Atxfer"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "Atxfer".equals(script.waitingFor()));
        drain(session, "barrier-1");

        Fixture.Response moved = f.post("/api/agent/transfer", token(), Map.of("target", "1002", "mode", "ATTENDED"));

        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);
        assertThat(ami.actions("Atxfer")).singleElement().satisfies(a -> {
            assertThat(a.get("Channel")).isEqualTo("PJSIP/1001-00000001");
            assertThat(a.get("Exten")).isEqualTo("1002");
        });
        script.await(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> state() == AgentState.WRAP_UP);
        call.endConversation(); // the Dial on the caller's channel returns once the caller is gone
        assertThat(call.awaitEnd(Duration.ofSeconds(20))).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.ticketing().calls().find(callId)
                .map(r -> r.outcome() != null).orElse(false));
        CallRecord rec = f.platform.ticketing().calls().find(callId).orElseThrow();
        assertThat(rec.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(rec.agent()).isEqualTo("agent1");
        assertThat(rec.endedAt()).isNotNull();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void anAttendedTransferAsteriskRefusesIs409WithItsReasonLoggedAndTheAgentStaysOnTheCall() throws Exception {
        FakeAsteriskAmi.Session session = agentTalksToTheCaller();
        ami.respond("Atxfer", (s, a) -> s.respond(a, "Error", "Message: No attended transfer feature code found"));
        List<AmiCapture.Block> capture = AmiCapture.load("a22-ami-atxfer-dial-t.txt").afterLogin();
        int atxfer = 0;
        while (!capture.get(atxfer).isEvent("DTMFEnd")) {
            atxfer++;
        }
        session.replay(capture.subList(0, atxfer));
        drain(session, "barrier-2");

        Fixture.Response refused = f.post("/api/agent/transfer", token(),
                Map.of("target", "1002", "mode", "ATTENDED"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().toString()).contains("No attended transfer feature code found");
        assertThat(warnings()).singleElement().asString()
                .contains("attended transfer of call " + callId, "agent1", "1002", "No attended transfer feature code");
        assertThat(state()).isEqualTo(AgentState.ON_CALL);
    }
}
