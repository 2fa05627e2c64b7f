package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.junit.jupiter.api.Test;

/** The periodic comparison with Asterisk's list heals a lost Hangup, and does not pre-empt one that is on its way. */
class ReconcileTest {
    @Test
    void aCallWhoseHangupWasLostIsEndedWhileOneWhoseHangupIsLateEndsNormally() throws Exception {
        AmiOptions options = AmiFixture.testOptions().withReconcileInterval(Duration.ofMillis(300));
        try (AmiFixture f = new AmiFixture(1, options).connected()) {
            FakeAsteriskAmi.Session session = f.session();
            for (String id : new String[] {"lost.1", "late.2"}) {
                f.calls.track(id, "PJSIP/trunk-" + id);
                session.send("Event: Newchannel", "Privilege: call,all", "Channel: PJSIP/trunk-" + id,
                        "Uniqueid: " + id, "Context: hotline", "Exten: 4000");
            }
            f.drain(session);
            // from now on Asterisk lists neither; late.2's Hangup follows its list by a moment
            AtomicInteger lists = new AtomicInteger();
            f.fake().respond("CoreShowChannels", (s, a) -> {
                s.respond(a, "Success", "EventList: start", "Message: Channels will follow");
                s.send("Event: CoreShowChannelsComplete", "ActionID: " + a.actionId(), "EventList: Complete",
                        "ListItems: 0");
                if (lists.incrementAndGet() == 1) {
                    s.send("Event: HangupRequest", "Privilege: call,all", "Channel: PJSIP/trunk-late.2",
                            "Uniqueid: late.2", "Cause: 16");
                    s.send("Event: Hangup", "Privilege: call,all", "Channel: PJSIP/trunk-late.2", "Uniqueid: late.2",
                            "Cause: 16", "Cause-txt: Normal Clearing");
                }
            });

            await().atMost(Duration.ofSeconds(10)).until(() -> !f.hangups("lost.1").isEmpty());
            assertThat(f.hangups("lost.1")).singleElement().satisfies(h -> {
                assertThat(h.party()).isEqualTo(HangupParty.SYSTEM);
                assertThat(h.cause()).isEqualTo(CallTracker.NOT_ON_THE_SWITCH);
            });
            assertThat(f.hangups("late.2")).singleElement().satisfies(h -> {
                assertThat(h.party()).isEqualTo(HangupParty.CALLER); // its own Hangup, not the reconcile's guess
                assertThat(h.cause()).isEqualTo("normal");
            });
            assertThat(f.gateway.links()).containsEntry("pbx1", AmiLinkState.CONNECTED); // no reconnect needed
            assertThat(f.fake().logins()).isEqualTo(1);
        }
    }
}
