package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hotline.cti.asterisk.ami.testing.AmiCapture;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.junit.jupiter.api.Test;

/**
 * Attended transfer on Asterisk 22 over PJSIP, replayed from a22-ami-atxfer-dial-t.txt: the agent's leg was dialled
 * with Dial's {@code t}, so AMI {@code Atxfer} injects the features.conf code and the extension (DTMFEnd ×6), holds
 * the caller, dials the consult leg as a Local pair, and the agent's BYE completes it (BridgeMerge,
 * AttendedTransfer before the agent's Hangup).
 */
class AttendedTransferA22Test {
    static final String CALLER = "1796164244.0";
    static final String CALLER_CHANNEL = "PJSIP/lab-trunk-00000000";
    static final String AGENT_CHANNEL = "PJSIP/1001-00000001";

    @Test
    void theAgentsAtxferOnADialTLegTransfersTheCallerTo1002AndTheCallGoesOnToItsEnd() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.calls.track(CALLER, CALLER_CHANNEL);
            FakeAsteriskAmi.Session session = f.session();
            FakeAsteriskAmi.Script script = session.play(
                    AmiCapture.load("a22-ami-atxfer-dial-t.txt").afterLogin(), Set.of("Atxfer"));

            await().atMost(Duration.ofSeconds(10)).until(() -> "Atxfer".equals(script.waitingFor()));
            f.drain(session);
            f.gateway.attendedTransfer(CALLER, "1002");

            assertThat(f.fake().actions("Atxfer")).singleElement().satisfies(a -> {
                assertThat(a.get("Channel")).isEqualTo(AGENT_CHANNEL); // the agent's leg, bridged with the caller
                assertThat(a.get("Exten")).isEqualTo("1002");
            });
            script.await(Duration.ofSeconds(10));
            f.drain(session);

            List<?> events = f.featureEvents(CALLER);
            assertThat(f.featureEvents(CALLER)).as("events of the caller's call: %s", events).satisfiesExactly(
                    e -> assertThat(e).isEqualTo(new CallHoldChanged(CALLER, true, e.at())),  // consulting 1002
                    e -> assertThat(e).isEqualTo(new CallHoldChanged(CALLER, false, e.at())), // merged with 1002
                    e -> assertThat(e).isEqualTo(new CallTransferred(CALLER, TransferKind.ATTENDED, "1002", e.at())),
                    e -> assertThat(e).isInstanceOfSatisfying(CallHungUp.class,
                            h -> assertThat(h.cause()).isEqualTo("normal")));
        }
    }

    @Test
    void anAtxferAsteriskRefusesIsReportedWithItsReasonAndNothingIsPublished() throws Exception {
        try (AmiFixture f = new AmiFixture().connected()) {
            f.calls.track(CALLER, CALLER_CHANNEL);
            // what Asterisk 22 answers when features.conf has no atxfer code (its default is empty)
            f.fake().respond("Atxfer", (s, a) -> s.respond(a, "Error",
                    "Message: No attended transfer feature code found"));
            FakeAsteriskAmi.Session session = f.session();
            List<AmiCapture.Block> blocks = AmiCapture.load("a22-ami-atxfer-dial-t.txt").afterLogin();
            session.replay(blocks.subList(0, TransferAndHoldTest.indexOfEvent(blocks, "DTMFEnd")));
            f.drain(session);

            assertThatThrownBy(() -> f.gateway.attendedTransfer(CALLER, "1002"))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("No attended transfer feature code found");
            assertThat(f.events(CallTransferred.class)).isEmpty();
        }
    }
}
