package org.hotline.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditOutcome;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.user.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Click-to-dial from the console over AMI, on the replayed Asterisk capture {@code ami-originate.txt} (an answered,
 * a failed and an unanswered asynchronous Originate): each call gets its OUTBOUND call record with the agent, the
 * destination, the times and the outcome as Asterisk reported it, and each dial an audit line.
 */
class OutboundOnAsteriskTest {
    private static final String PASSWORD = "s3cret-pass";
    private static final String AMI_SECRET = "ami-lab-secret";
    /** The uniqueid each captured Originate produced, by its captured ActionID (as in cti-adapter's OriginateTest). */
    private static final Map<String, String> CAPTURED_UNIQUEID = Map.of("orig-async-ok", "1795376012.16",
            "orig-async-fail", "1795376013.18", "orig-async-noanswer", "1795376014.20");

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

    private CallRecord ended(String callId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.ticketing().calls().find(callId)
                .map(r -> r.outcome() != null).orElse(false));
        return f.platform.ticketing().calls().find(callId).orElseThrow();
    }

    private String dial(String token, String destination) {
        Fixture.Response r = f.post("/api/agent/dial", token, Map.of("destination", destination));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body().path("callId").asText();
    }

    /** The platform on Asterisk against the fake AMI (phone 1001 idle), agent1 logged in to the ACD. */
    private String startOnAsterisk() throws Exception {
        ami = new FakeAsteriskAmi("hotline", AMI_SECRET);
        ami.devices(Map.of("PJSIP/1001", "NOT_INUSE"));
        Map<String, Object> o = new HashMap<>(Fixture.queues("20s", "10m"));
        o.putAll(Fixture.onAsterisk(ami.port(), AMI_SECRET, "agent1=PJSIP/1001"));
        f = Fixture.start(t -> t.users().create("agent1", "坐席一", PASSWORD.toCharArray(), Set.of(Role.AGENT),
                Set.of("repair")), o);
        FakeAsteriskAmi.Session session = ami.session(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(session::loggedIn);
        await().atMost(Duration.ofSeconds(20)).until(() -> f.platform.asteriskSwitch().deviceAvailable("PJSIP/1001"));
        String token = f.login("agent1", PASSWORD);
        assertThat(f.post("/api/agent/login", token, Map.of()).status()).isEqualTo(200);
        return token;
    }

    @Test
    void answeredFailedAndUnansweredClickToDialsAreRecordedAndAudited() throws Exception {
        String token = startOnAsterisk();
        FakeAsteriskAmi.Session session = ami.session(Duration.ofSeconds(20));
        FakeAsteriskAmi.Script script = session.script(AmiCapture.load("ami-originate.txt").afterLogin(),
                        Set.of("Originate"))
                .notTheClients("orig-sync-app")
                .replaceOn("Originate", (client, captured) -> {
                    String uid = CAPTURED_UNIQUEID.get(captured.field("ActionID"));
                    return uid == null ? Map.of() : Map.of(uid, client.get("ChannelId"));
                })
                .start();
        await().atMost(Duration.ofSeconds(10)).until(() -> "Originate".equals(script.waitingFor()));
        String answered = dial(token, "7000");
        await().atMost(Duration.ofSeconds(10)).until(() -> "Originate".equals(script.waitingFor()));
        String failed = dial(token, "9999");
        await().atMost(Duration.ofSeconds(10)).until(() -> "Originate".equals(script.waitingFor()));
        String unanswered = dial(token, "7000");
        script.await(Duration.ofSeconds(10));

        CallRecord ok = ended(answered);
        assertThat(ok.direction()).isEqualTo(CallDirection.OUTBOUND);
        assertThat(ok.agent()).isEqualTo("agent1");
        assertThat(ok.destination()).isEqualTo("7000");
        assertThat(ok.ani()).isEqualTo("PJSIP/1001");
        assertThat(ok.outcome()).isEqualTo(CallOutcome.ANSWERED);
        assertThat(ok.hangupCause()).isEqualTo("normal");
        assertThat(List.of(ok.arrivedAt(), ok.answeredAt(), ok.endedAt())).doesNotContainNull().isSorted();
        assertThat(ok.talkMs()).isNotNull();

        CallRecord failure = ended(failed);
        assertThat(failure.outcome()).isEqualTo(CallOutcome.FAILED);
        assertThat(failure.destination()).isEqualTo("9999");
        assertThat(failure.answeredAt()).isNull();

        CallRecord noAnswer = ended(unanswered);
        assertThat(noAnswer.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
        assertThat(noAnswer.hangupCause()).isEqualTo("no-answer");
        assertThat(noAnswer.agent()).isEqualTo("agent1");

        List<AuditEntry> audit = f.platform.ticketing().audit().recent("call.outbound", "agent1", 10);
        assertThat(audit).extracting(AuditEntry::target)
                .containsExactly("call:" + unanswered, "call:" + failed, "call:" + answered);
        assertThat(audit).extracting(AuditEntry::outcome).containsOnly(AuditOutcome.SUCCESS);
        assertThat(audit).extracting(AuditEntry::detail).containsExactly("7000", "9999", "7000");
    }

    /**
     * Asterisk queues the Originate, then reports it failed with Reason 5 (the destination was busy), possibly before
     * the dialer has published the placement: the record still says BUSY.
     */
    @Test
    void aClickToDialAsteriskReportsBusyIsRecordedAsBusy() throws Exception {
        String token = startOnAsterisk();
        ami.respond("Originate", (s, a) -> {
            s.respond(a, "Success", "Message: Originate successfully queued");
            s.send("Event: OriginateResponse", "Privilege: call,all", "ActionID: " + a.actionId(),
                    "Response: Failure", "Channel: PJSIP/1001", "Context: from-agents", "Exten: 10010",
                    "Application: ", "Data: ", "Reason: 5", "Uniqueid: <null>", "CallerIDNum: <unknown>",
                    "CallerIDName: <unknown>");
        });

        String busy = dial(token, "10010");

        CallRecord r = ended(busy);
        assertThat(r.outcome()).isEqualTo(CallOutcome.BUSY);
        assertThat(r.hangupCause()).isEqualTo("busy");
        assertThat(r.direction()).isEqualTo(CallDirection.OUTBOUND);
        assertThat(r.agent()).isEqualTo("agent1");
        assertThat(r.destination()).isEqualTo("10010");
        assertThat(r.answeredAt()).isNull();
    }
}
