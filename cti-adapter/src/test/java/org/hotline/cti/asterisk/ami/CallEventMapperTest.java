package org.hotline.cti.asterisk.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.asteriskjava.manager.event.AgiExecStartEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.hotline.cti.asterisk.ami.ActionTargets.Target;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.junit.jupiter.api.Test;

/**
 * The call-state units fed the events of real Asterisk captures directly, without a TCP connection: what a user of
 * the platform notices of each call (offered to an agent, answered, held, transferred, recorded, hung up by whom
 * and why). The same captures are replayed over TCP by {@link QueueCallTest}, {@link TransferAndHoldTest},
 * {@link RecordingAndSpyTest} and {@link AttendedTransferA22Test}.
 */
class CallEventMapperTest {

    /** "name progress" of dials, the simple name of other events. */
    private static List<String> described(List<CallEvent> events) {
        return events.stream().map(e -> e instanceof CallDialProgress d ? d.destination() + " " + d.progress()
                : e.getClass().getSimpleName()).toList();
    }

    /** The events before the first one of {@code type}, and from it on. */
    private static <T extends ManagerEvent> List<List<ManagerEvent>> splitAt(List<ManagerEvent> events,
                                                                             Class<T> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return List.of(events.subList(0, i), events.subList(i, events.size()));
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName());
    }

    @Test
    void anIvrCallWhoseCallerHangsUpEndsOnceAsCallerWithNothingElsePublished() {
        CallUnits u = new CallUnits();
        String ivr = "1795376215.71"; // the ;2 leg running AGI(agi://127.0.0.1:4573/ivr...)
        List<List<ManagerEvent>> parts = splitAt(CapturedEvents.load("ami-agi-ivr-events.txt").all(),
                AgiExecStartEvent.class);
        u.feed(parts.get(0));
        u.calls.track(ivr, "Local/4000@hotline-00000023;2"); // the FastAGI session begins
        u.feed(parts.get(1));

        assertThat(u.callEvents(ivr)).singleElement().isInstanceOfSatisfying(CallHungUp.class, h -> {
            assertThat(h.party()).isEqualTo(HangupParty.CALLER); // HangupRequest on ;2 came first
            assertThat(h.cause()).isEqualTo("normal");
        });
        assertThat(u.calls.isTracked(ivr)).isFalse();
        assertThat(u.events(CallEvent.class)).hasSize(1); // the Originate's own channels are nobody's call
    }

    @Test
    void aQueueCallIsOfferedToAgentOneThenAnsweredByAgentTwoWhoHangsUp() {
        CallUnits u = new CallUnits();
        u.calls.track(QueueCallTest.BOB, QueueCallTest.BOB_CHANNEL);
        u.feed(CapturedEvents.load("ami-queue-answered.txt").all());

        assertThat(described(u.callEvents(QueueCallTest.BOB))).containsExactly(
                "Local/agent1@agents RINGING", "Local/agent1@agents NO_ANSWER", // its second DialEnd (CANCEL) dropped
                "Local/agent2@agents RINGING", "Local/agent2@agents ANSWERED",
                "CallHungUp"); // the music while queued is no hold
        assertThat(u.hangups(QueueCallTest.BOB)).singleElement().satisfies(h -> {
            assertThat(h.party()).isEqualTo(HangupParty.AGENT); // AgentComplete "Reason: agent"
            assertThat(h.cause()).isEqualTo("normal");
        });
    }

    @Test
    void aCallerAbandoningTheQueueWhileAgentOneRingsEndsAsCaller() {
        CallUnits u = new CallUnits();
        String carol = "1795375969.9";
        List<List<ManagerEvent>> parts = splitAt(CapturedEvents.load("ami-queue-abandon.txt").all(),
                QueueCallerJoinEvent.class);
        u.feed(parts.get(0));
        u.calls.track(carol, "Local/5001@hotline-00000004;2"); // the route put it in the queue
        u.feed(parts.get(1));

        assertThat(described(u.callEvents(carol))).containsExactly("Local/agent1@agents RINGING",
                "Local/agent1@agents CANCELLED", "CallHungUp");
        assertThat(u.hangups(carol)).singleElement().satisfies(h -> {
            assertThat(h.party()).isEqualTo(HangupParty.CALLER);
            assertThat(h.cause()).isEqualTo("normal");
        });
    }

    @Test
    void aCallTrackedJustAfterItsChannelHungUpIsEndedOnceByTheSweep() {
        CallUnits u = new CallUnits();
        String carol = "1795375969.9";
        u.feed(CapturedEvents.load("ami-queue-abandon.txt").all());
        assertThat(u.events(CallHungUp.class)).isEmpty();

        u.calls.track(carol, "Local/5001@hotline-00000004;2"); // the FastAGI side was a moment late
        u.tracker.sweep();
        u.tracker.sweep();

        assertThat(u.hangups(carol)).singleElement().satisfies(h -> assertThat(h.party()).isEqualTo(HangupParty.CALLER));
        assertThat(u.calls.isTracked(carol)).isFalse();
    }

    @Test
    void blindAndAttendedTransfersGoToTheAgentsLegAndArePublishedWithTheTargetAskedFor() {
        CallUnits u = new CallUnits();
        u.calls.track(TransferAndHoldTest.REDIRECTED, "Local/5000@hotline-00000019;2");
        u.calls.track(TransferAndHoldTest.BLIND, "Local/5000@hotline-0000001c;2");
        u.calls.track(TransferAndHoldTest.ATTENDED, "Local/5000@hotline-0000001f;2");
        CapturedEvents capture = CapturedEvents.load("ami-transfer-redirect-blind-atxfer.txt");

        u.feed(capture.before("BlindTransfer", 1));
        Target blind = u.tracker.transferTarget(TransferAndHoldTest.BLIND, TransferKind.BLIND, "7000@hotline");
        assertThat(blind.channel()).isEqualTo("Local/agent2@agents-0000001e;1"); // the agent's leg
        u.feed(capture.between("BlindTransfer", 1, "Atxfer", 1));
        Target attended = u.tracker.transferTarget(TransferAndHoldTest.ATTENDED, TransferKind.ATTENDED,
                "7001@hotline");
        assertThat(attended.channel()).isEqualTo("Local/agent2@agents-00000021;1");
        u.feed(capture.after("Atxfer", 1));

        assertThat(u.featureEvents(TransferAndHoldTest.BLIND)).satisfiesExactly(
                e -> assertThat(e).isEqualTo(new CallTransferred(TransferAndHoldTest.BLIND, TransferKind.BLIND,
                        "7000@hotline", e.at())),
                e -> assertThat(e).isInstanceOfSatisfying(CallHungUp.class,
                        h -> assertThat(h.party()).isEqualTo(HangupParty.SYSTEM))); // the dialplan at 7000 ended it
        assertThat(u.featureEvents(TransferAndHoldTest.ATTENDED)).satisfiesExactly(
                e -> assertThat(e).isEqualTo(new CallHoldChanged(TransferAndHoldTest.ATTENDED, true, e.at())),
                e -> assertThat(e).isEqualTo(new CallHoldChanged(TransferAndHoldTest.ATTENDED, false, e.at())),
                e -> assertThat(e).isEqualTo(new CallTransferred(TransferAndHoldTest.ATTENDED,
                        TransferKind.ATTENDED, "7001@hotline", e.at())),
                e -> assertThat(e).isInstanceOfSatisfying(CallHungUp.class, h -> {
                    assertThat(h.party()).isEqualTo(HangupParty.SYSTEM);
                    assertThat(h.cause()).isEqualTo("normal");
                }));
        // a Redirect by another AMI client: no transfer event exists for it; the call just ends later
        assertThat(u.featureEvents(TransferAndHoldTest.REDIRECTED)).singleElement().isInstanceOf(CallHungUp.class);
    }

    @Test
    void transfersNobodyAskedForArePublishedWithTheTargetAsteriskReports() {
        CallUnits u = new CallUnits();
        u.calls.track(TransferAndHoldTest.BLIND, "Local/5000@hotline-0000001c;2");
        u.calls.track(TransferAndHoldTest.ATTENDED, "Local/5000@hotline-0000001f;2");
        u.feed(CapturedEvents.load("ami-transfer-redirect-blind-atxfer.txt").all());

        assertThat(u.events(CallTransferred.class)).extracting(CallTransferred::callId, CallTransferred::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TransferAndHoldTest.BLIND, TransferKind.BLIND),
                        org.assertj.core.groups.Tuple.tuple(TransferAndHoldTest.ATTENDED, TransferKind.ATTENDED));
        assertThat(u.events(CallTransferred.class)).allSatisfy(t -> assertThat(t.target()).isNotBlank());
    }

    @Test
    void anAtxferOnADialTLegOfAsterisk22HoldsTheCallerThenTransfersItTo1002() {
        CallUnits u = new CallUnits();
        u.calls.track(AttendedTransferA22Test.CALLER, AttendedTransferA22Test.CALLER_CHANNEL);
        CapturedEvents capture = CapturedEvents.load("a22-ami-atxfer-dial-t.txt");
        u.feed(capture.before("Atxfer", 1));
        Target agent = u.tracker.transferTarget(AttendedTransferA22Test.CALLER, TransferKind.ATTENDED, "1002");
        assertThat(agent.channel()).isEqualTo(AttendedTransferA22Test.AGENT_CHANNEL);
        u.feed(capture.after("Atxfer", 1));

        assertThat(u.featureEvents(AttendedTransferA22Test.CALLER)).satisfiesExactly(
                e -> assertThat(e).isEqualTo(new CallHoldChanged(AttendedTransferA22Test.CALLER, true, e.at())),
                e -> assertThat(e).isEqualTo(new CallHoldChanged(AttendedTransferA22Test.CALLER, false, e.at())),
                e -> assertThat(e).isEqualTo(new CallTransferred(AttendedTransferA22Test.CALLER,
                        TransferKind.ATTENDED, "1002", e.at())),
                e -> assertThat(e).isInstanceOfSatisfying(CallHungUp.class,
                        h -> assertThat(h.cause()).isEqualTo("normal")));
    }

    @Test
    void aRecordingAskedForIsPublishedWithItsFileAndAWhisperSpyIsNoPlatformEvent() {
        CallUnits u = new CallUnits();
        u.calls.track(RecordingAndSpyTest.GRACE, RecordingAndSpyTest.GRACE_CHANNEL);
        CapturedEvents capture = CapturedEvents.load("ami-chanspy-mixmonitor.txt");
        u.feed(capture.before("MixMonitor", 1));
        String file = "hotline/20261123/" + RecordingAndSpyTest.GRACE + ".wav";
        Target record = u.tracker.recordingStart(RecordingAndSpyTest.GRACE, file);
        assertThat(record.channel()).isEqualTo(RecordingAndSpyTest.GRACE_CHANNEL); // the caller's channel
        assertThat(u.tracker.spyTarget("Local/agent2@agents").channel()).isEqualTo(RecordingAndSpyTest.AGENT_LEG);
        u.feed(capture.between("MixMonitor", 1, "StopMixMonitor", 1));
        assertThatThrownBy(() -> u.tracker.recordingStart(RecordingAndSpyTest.GRACE, file))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already being recorded");
        u.feed(capture.after("StopMixMonitor", 1));

        assertThat(u.featureEvents(RecordingAndSpyTest.GRACE)).satisfiesExactly(
                e -> assertThat(e).isEqualTo(new RecordingChanged(RecordingAndSpyTest.GRACE, true, file, e.at())),
                e -> assertThat(e).isEqualTo(new RecordingChanged(RecordingAndSpyTest.GRACE, false, file, e.at())),
                e -> assertThat(e).isInstanceOfSatisfying(CallHungUp.class,
                        h -> assertThat(h.party()).isEqualTo(HangupParty.AGENT)));
        assertThat(u.events(CallHungUp.class)).hasSize(1); // the supervisor's spy leg is not a platform call
    }

    @Test
    void aRecordingStillRunningWhenTheCallEndsIsReportedStoppedBeforeTheHangUp() {
        CallUnits u = new CallUnits();
        u.calls.track(RecordingAndSpyTest.GRACE, RecordingAndSpyTest.GRACE_CHANNEL);
        List<ManagerEvent> all = CapturedEvents.load("ami-chanspy-mixmonitor.txt").all();
        List<ManagerEvent> withoutStop = new ArrayList<>(all);
        withoutStop.removeIf(e -> e instanceof org.asteriskjava.manager.event.MixMonitorStopEvent);
        u.feed(withoutStop);

        assertThat(described(u.featureEvents(RecordingAndSpyTest.GRACE)))
                .containsExactly("RecordingChanged", "RecordingChanged", "CallHungUp");
        assertThat(u.events(RecordingChanged.class)).extracting(RecordingChanged::recording)
                .containsExactly(true, false);
    }
}
