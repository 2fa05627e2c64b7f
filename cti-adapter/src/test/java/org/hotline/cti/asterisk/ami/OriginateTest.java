package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.junit.jupiter.api.Test;

/**
 * Click-to-dial on the real capture ami-originate.txt: an answered, a failed (no such extension) and an unanswered
 * asynchronous Originate, with the ring of each call's phone as dial progress. The fake answers each Originate as captured, with the client's ActionID and, in the events,
 * the client's ChannelId for the captured uniqueid.
 */
class OriginateTest {
    /** The uniqueid each captured Originate produced, by its captured ActionID. */
    static final Map<String, String> CAPTURED_UNIQUEID = Map.of("orig-async-ok", "1795376012.16",
            "orig-async-fail", "1795376013.18", "orig-async-noanswer", "1795376014.20");

    @Test
    void answeredFailedAndUnansweredOriginations() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            FakeAsteriskAmi.Session session = f.session();
            FakeAsteriskAmi.Script script = session.script(AmiCapture.load("ami-originate.txt").afterLogin(),
                            Set.of("Originate"))
                    .notTheClients("orig-sync-app")
                    .replaceOn("Originate", (client, captured) -> {
                        String uid = CAPTURED_UNIQUEID.get(captured.field("ActionID"));
                        return uid == null ? Map.of() : Map.of(uid, client.get("ChannelId"));
                    })
                    .start();

            await().atMost(Duration.ofSeconds(10)).until(() -> "Originate".equals(script.waitingFor()));
            String answered = f.gateway.originate("PJSIP/1001", "7000", "Click2Call <1001>");
            assertThat(f.fake().actions("Originate")).singleElement().satisfies(a -> {
                assertThat(a.get("Channel")).isEqualTo("PJSIP/1001");
                assertThat(a.get("Exten")).isEqualTo("7000");
                assertThat(a.get("Context")).isEqualTo("from-agents");
                assertThat(a.get("Async")).isEqualTo("true");
                assertThat(a.get("ChannelId")).isEqualTo(answered);
                assertThat(a.get("CallerID")).isEqualTo("Click2Call <1001>");
            });
            // the answered call is followed: its channel (uniqueid = the id returned) is tracked once it exists
            await().atMost(Duration.ofSeconds(5)).until(() -> f.calls.isTracked(answered));

            await().atMost(Duration.ofSeconds(10)).until(() -> "Originate".equals(script.waitingFor()));
            String failed = f.gateway.originate("PJSIP/1001", "9999", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> "Originate".equals(script.waitingFor()));
            String unanswered = f.gateway.originate("PJSIP/1001", "7000", null);
            script.await(Duration.ofSeconds(10));
            f.drain(session);

            assertThat(f.hangups(failed)).singleElement().satisfies(h -> {
                assertThat(h.party()).isEqualTo(HangupParty.SYSTEM);
                assertThat(h.cause()).isEqualTo("failed");     // Reason: 0
            });
            assertThat(f.hangups(unanswered)).singleElement().satisfies(h -> {
                assertThat(h.party()).isEqualTo(HangupParty.SYSTEM);
                assertThat(h.cause()).isEqualTo("no-answer");  // Reason: 3
            });
            assertThat(f.hangups(answered)).singleElement()    // it talked, then hung up
                    .satisfies(h -> assertThat(h.cause()).isEqualTo("normal"));
            assertThat(f.events(CallHungUp.class)).hasSize(3); // the sync Originate of another client: not ours
            // the phone's own ring (the Originate's dial: no Uniqueid, DestUniqueid is the call) is reported too
            assertThat(f.callEvents(answered)).map(e -> e instanceof CallDialProgress d
                            ? d.destination() + " " + d.progress() : e.getClass().getSimpleName())
                    .containsExactly("Local/7000@hotline RINGING", "Local/7000@hotline ANSWERED", "CallHungUp");
            assertThat(f.callEvents(unanswered)).map(e -> e instanceof CallDialProgress d
                            ? d.destination() + " " + d.progress() : e.getClass().getSimpleName())
                    .containsExactly("Local/agent1@agents RINGING", "CallHungUp");
            assertThat(f.callEvents(failed)).singleElement().isInstanceOf(CallHungUp.class);
            assertThat(f.calls.callIds()).isEmpty();
        }
    }

    @Test
    void originateIsRefusedForAnOfflinePhoneAndForBadInput() throws Exception {
        try (AmiFixture f = new AmiFixture()) {
            f.fake().devices(Map.of("PJSIP/1003", "UNAVAILABLE"));
            f.connected();
            await().atMost(Duration.ofSeconds(5)).until(() -> !f.phoneStates().isEmpty());
            assertThatThrownBy(() -> f.gateway.originate("PJSIP/1003", "100", null))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("offline");
            assertThatThrownBy(() -> f.gateway.originate("not a device", "100", null))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> f.gateway.originate("PJSIP/1001", " ", null))
                    .isInstanceOf(ValidationException.class);
            assertThat(f.fake().actions("Originate")).isEmpty();
        }
    }

    @Test
    void anOriginateAsteriskRefusesIsAConflictWithItsMessage() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.fake().respond("Originate", (s, a) -> s.respond(a, "Error", "Message: Permission denied"));
            assertThatThrownBy(() -> f.gateway.originate("PJSIP/1001", "100", null))
                    .isInstanceOf(ConflictException.class).hasMessage("Permission denied");
            f.drain(f.session());
            assertThat(f.events(CallHungUp.class)).isEmpty(); // nothing was started, so nothing ends
        }
    }
}
