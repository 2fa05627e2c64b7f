package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.asteriskjava.manager.event.ManagerEvent;
import org.hotline.cti.asterisk.ami.ChannelResync.ResyncResult;
import org.hotline.cti.asterisk.ami.ChannelResync.Snapshot;
import org.hotline.platform.call.OpenCall;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.telephony.CallRecovery.Followed;
import org.hotline.platform.telephony.CallRecovery.Gone;
import org.hotline.platform.telephony.CallRecovery.Recovered;
import org.junit.jupiter.api.Test;

/**
 * The resync fed a real {@code CoreShowChannels} answer (ami-queue-status-summary.txt: Carol waiting in queue sales,
 * her Local pair and the ringing member's) directly: a call Asterisk still lists goes on, a followed call it no
 * longer lists is ended (at once after a reconnect, after a grace period on a connected link unless its own Hangup
 * comes), and a call tracked after the list was asked for is never ended by it.
 */
class ChannelResyncTest {
    static final String CAROL = "1795375996.13";
    static final String CAROL_CHANNEL = "Local/5001@hotline-00000006;2";
    static final String LIST_ID = "csc-1";
    static final String DEVICES_ID = "dsl-1";

    private final CapturedEvents capture = CapturedEvents.load("ami-queue-status-summary.txt");

    /** The events up to the capture's CoreShowChannels: Carol's call as the gateway saw it live. */
    private List<ManagerEvent> live() {
        return capture.before("CoreShowChannels", 1);
    }

    /** The CoreShowChannels answer (four channels, ActionID csc-1) and an empty device list. */
    private List<ManagerEvent> lists() {
        List<ManagerEvent> events = new ArrayList<>(capture.after("CoreShowChannels", 1));
        events.add(CapturedEvents.build("Event: DeviceStateListComplete\r\nActionID: " + DEVICES_ID
                + "\r\nEventList: Complete\r\nListItems: 0\r\n"));
        return events;
    }

    private static ManagerEvent newChannel(String uid, String channel) {
        return CapturedEvents.build("Event: Newchannel\r\nPrivilege: call,all\r\nChannel: " + channel
                + "\r\nChannelState: 4\r\nUniqueid: " + uid + "\r\nLinkedid: " + uid + "\r\n");
    }

    private static ManagerEvent hangup(String uid, String channel) {
        return CapturedEvents.build("Event: Hangup\r\nPrivilege: call,all\r\nChannel: " + channel + "\r\nUniqueid: "
                + uid + "\r\nCause: 16\r\nCause-txt: Normal Clearing\r\n");
    }

    @Test
    void afterAReconnectACallStillListedGoesOnAndOneNoLongerListedEndsAsEndedWhileDisconnected() {
        CallUnits u = new CallUnits();
        u.calls.track(CAROL, CAROL_CHANNEL);
        u.calls.track("dan.1", "PJSIP/trunk-00000031");
        u.feed(live()).feed(List.of(newChannel("dan.1", "PJSIP/trunk-00000031")));
        // the link dropped; Dan hung up meanwhile

        CompletableFuture<ResyncResult> done = u.tracker.beginResync(CallUnits.SERVER, LIST_ID, DEVICES_ID, false);
        u.feed(lists());

        assertThat(done).isCompletedWithValue(new ResyncResult(4, 0, 1));
        assertThat(u.hangups("dan.1")).singleElement().satisfies(h -> {
            assertThat(h.party()).isEqualTo(HangupParty.SYSTEM);
            assertThat(h.cause()).isEqualTo(CallTracker.ENDED_WHILE_DISCONNECTED);
        });
        assertThat(u.hangups(CAROL)).isEmpty();
        assertThat(u.tracker.isLive(CAROL)).isTrue();
        u.feed(List.of(hangup(CAROL, CAROL_CHANNEL)));
        assertThat(u.hangups(CAROL)).singleElement().satisfies(h -> assertThat(h.cause()).isEqualTo("normal"));
    }

    @Test
    void aFollowedCallTheFirstListMissesIsEndedEvenIfItsChannelWasNeverSeen() {
        CallUnits u = new CallUnits();
        u.calls.track("eve.1", "PJSIP/trunk-00000032"); // tracked over FastAGI while AMI was down
        CompletableFuture<ResyncResult> done = u.tracker.beginResync(CallUnits.SERVER, LIST_ID, DEVICES_ID, false);
        u.feed(lists());

        assertThat(done).isCompletedWithValue(new ResyncResult(4, 0, 1));
        assertThat(u.hangups("eve.1")).singleElement()
                .satisfies(h -> assertThat(h.cause()).isEqualTo(CallTracker.ENDED_WHILE_DISCONNECTED));
    }

    @Test
    void aCallTrackedAfterTheListWasAskedForIsNotEndedByThatList() {
        CallUnits u = new CallUnits();
        u.calls.track(CAROL, CAROL_CHANNEL);
        u.feed(live());
        Snapshot asked = u.tracker.snapshot(); // the link asks for the lists now
        // a FastAGI call arrives after Asterisk made its list: tracked before its Newchannel is handled
        u.calls.track("fay.1", "PJSIP/trunk-00000040");
        CompletableFuture<ResyncResult> done = u.tracker.beginResync(CallUnits.SERVER, LIST_ID, DEVICES_ID, false,
                asked);
        u.feed(lists());

        assertThat(done).isCompletedWithValue(new ResyncResult(4, 0, 0));
        assertThat(u.events(CallHungUp.class)).isEmpty();
        u.feed(List.of(newChannel("fay.1", "PJSIP/trunk-00000040"), hangup("fay.1", "PJSIP/trunk-00000040")));
        assertThat(u.hangups("fay.1")).singleElement().satisfies(h -> {
            assertThat(h.party()).isEqualTo(HangupParty.CALLER);
            assertThat(h.cause()).isEqualTo("normal");
        });
    }

    @Test
    void onAConnectedLinkACallNoLongerListedWaitsForItsHangupBeforeTheSweepEndsIt() {
        CallUnits u = new CallUnits();
        for (String id : List.of("lost.1", "late.2")) {
            u.calls.track(id, "PJSIP/trunk-" + id);
            u.feed(List.of(newChannel(id, "PJSIP/trunk-" + id)));
        }
        CompletableFuture<ResyncResult> done = u.tracker.beginResync(CallUnits.SERVER, LIST_ID, DEVICES_ID, true);
        u.feed(lists());
        assertThat(done).isCompletedWithValue(new ResyncResult(4, 0, 2));
        assertThat(u.events(CallHungUp.class)).isEmpty(); // their Hangups may still be on the way

        u.feed(List.of(hangup("late.2", "PJSIP/trunk-late.2")));
        u.tracker.sweep(); // the grace period (zero here) is over

        assertThat(u.hangups("late.2")).singleElement().satisfies(h -> assertThat(h.cause()).isEqualTo("normal"));
        assertThat(u.hangups("lost.1")).singleElement().satisfies(h -> {
            assertThat(h.party()).isEqualTo(HangupParty.SYSTEM);
            assertThat(h.cause()).isEqualTo(CallTracker.NOT_ON_THE_SWITCH);
        });
    }

    @Test
    void callsAStoppedPlatformLeftOpenAreFollowedAgainWhenListedAndGoneOtherwise() {
        CallUnits u = new CallUnits();
        List<Recovered> answers = new ArrayList<>();
        Instant at = CallUnits.CLOCK.instant();
        u.tracker.recover(List.of(new OpenCall("ast-carol", CAROL, at), new OpenCall("ast-gus", "gus.1", at),
                new OpenCall("ast-old", null, at)), answers::add);
        assertThat(answers).containsExactly(new Gone("ast-old")); // no uniqueid stored: cannot be found

        u.tracker.beginResync(CallUnits.SERVER, LIST_ID, DEVICES_ID, false);
        u.feed(lists());

        assertThat(answers).containsExactly(new Gone("ast-old"), new Followed("ast-carol"), new Gone("ast-gus"));
        assertThat(u.calls.platformIdOf(CAROL)).isEqualTo("ast-carol");
        assertThat(u.tracker.isLive(CAROL)).isTrue();
    }

    @Test
    void aServersListEndsNoCallOfAnotherServerAndNeverSeenCallsOnlyWhenEveryOtherServerIsConnected() {
        CallUnits u = new CallUnits("pbx1", "pbx2");
        u.calls.track(CAROL, CAROL_CHANNEL);
        u.calls.track("hal.1", "PJSIP/trunk-00000050"); // on pbx2
        u.calls.track("ida.1", "PJSIP/trunk-00000051"); // tracked while AMI was down, channel never seen
        u.feed("pbx1", live()).feed("pbx2", List.of(newChannel("hal.1", "PJSIP/trunk-00000050")));
        u.connected.remove("pbx2"); // pbx2 reconnects later: ida.1 may be on it

        u.tracker.beginResync("pbx1", LIST_ID, DEVICES_ID, false);
        u.feed("pbx1", lists());
        assertThat(u.events(CallHungUp.class)).isEmpty();

        u.connected.add("pbx2");
        u.tracker.beginResync("pbx1", LIST_ID, DEVICES_ID, false);
        u.feed("pbx1", lists());
        assertThat(u.events(CallHungUp.class)).extracting(CallHungUp::callId).containsExactly("ida.1");
        assertThat(u.tracker.isLive("hal.1")).isTrue();
        assertThat(u.tracker.isLive(CAROL)).isTrue();
    }
}
