package org.hotline.interactions.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.platform.call.CallDirection.INBOUND;
import static org.hotline.platform.call.CallDirection.OUTBOUND;
import static org.hotline.platform.live.LiveCall.Phase.DIALING;
import static org.hotline.platform.live.LiveCall.Phase.ENDED;
import static org.hotline.platform.live.LiveCall.Phase.IVR;
import static org.hotline.platform.live.LiveCall.Phase.OFFERED;
import static org.hotline.platform.live.LiveCall.Phase.QUEUED;
import static org.hotline.platform.live.LiveCall.Phase.RINGING;
import static org.hotline.platform.live.LiveCall.Phase.TALKING;
import static org.hotline.platform.live.LiveCall.Phase.UNKNOWN;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.CallRingNoAnswer;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.DialProgress;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.IvrCompleted;
import org.hotline.platform.event.CallEvent.OutboundCallPlaced;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.live.LiveCall;
import org.hotline.platform.live.LiveCall.Phase;
import org.hotline.platform.routing.CallContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live-call rules as one table: each row is a call's events in the order they reached the node (the normal
 * orders and the reorderings the switches are known for) and what a consumer then reads of the call. Every row is
 * also played with each event delivered twice, which must give the same call.
 */
class LiveCallRulesTest {
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    private static final String ID = "c-1";

    /** What a consumer reads of a call: where it stands, whose it is, its features. */
    record Seen(Phase phase, CallDirection direction, String agent, String queue, boolean onHold, boolean recording,
                int transfers, boolean answered) {
        static Seen of(LiveCall c) {
            return new Seen(c.phase(), c.direction(), c.agent(), c.queue(), c.onHold(), c.recording(),
                    c.transfers().size(), c.answeredAt() != null);
        }
    }

    record Row(String name, List<CallEvent> events, Seen expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> table() {
        return Stream.of(
                new Row("a caller in the IVR", List.of(arrived(0)),
                        new Seen(IVR, INBOUND, null, null, false, false, 0, false)),
                new Row("a call waiting in its queue", List.of(arrived(0), ivr(1), queued(2, false)),
                        new Seen(QUEUED, INBOUND, null, "repair", false, false, 0, false)),
                new Row("a call ringing an agent", List.of(arrived(0), ivr(1), queued(2, false), offered(3, "anna")),
                        new Seen(OFFERED, INBOUND, "anna", "repair", false, false, 0, false)),
                new Row("an answered call", inbound(answered(5, "anna")),
                        new Seen(TALKING, INBOUND, "anna", "repair", false, false, 0, true)),
                new Row("a call put on hold and recorded",
                        inbound(answered(5, "anna"), hold(6, true), recording(7, true)),
                        new Seen(TALKING, INBOUND, "anna", "repair", true, true, 0, true)),
                new Row("a call taken off hold, recording stopped",
                        inbound(answered(5, "anna"), hold(6, true), recording(7, true), hold(8, false),
                                recording(9, false)),
                        new Seen(TALKING, INBOUND, "anna", "repair", false, false, 0, true)),
                new Row("an answered call hung up: its agent stays named, features off",
                        inbound(answered(5, "anna"), hold(6, true), hungUp(9)),
                        new Seen(ENDED, INBOUND, "anna", "repair", false, false, 0, true)),
                new Row("a hang-up before the answer",
                        List.of(arrived(0), ivr(1), queued(2, false), offered(3, "anna"), hungUp(4)),
                        new Seen(ENDED, INBOUND, "anna", "repair", false, false, 0, false)),
                new Row("an abandon in the queue", List.of(arrived(0), ivr(1), queued(2, false), abandoned(3),
                        hungUp(3)), new Seen(ENDED, INBOUND, null, "repair", false, false, 0, false)),
                new Row("an answer that comes after the hang-up changes nothing",
                        List.of(arrived(0), ivr(1), queued(2, false), offered(3, "anna"), hungUp(4),
                                answered(5, "anna")),
                        new Seen(ENDED, INBOUND, "anna", "repair", false, false, 0, false)),
                new Row("a ring-no-answer puts the call back in its queue",
                        List.of(arrived(0), ivr(1), queued(2, false), offered(3, "anna"), noAnswer(18, "anna"),
                                queued(18, true)),
                        new Seen(QUEUED, INBOUND, null, "repair", false, false, 0, false)),
                new Row("a ring-no-answer, then the offer to another agent",
                        List.of(arrived(0), ivr(1), queued(2, false), offered(3, "anna"), noAnswer(18, "anna"),
                                queued(18, true), offered(19, "ben"), answered(21, "ben")),
                        new Seen(TALKING, INBOUND, "ben", "repair", false, false, 0, true)),
                new Row("a stale ring-no-answer of the first agent after the re-offer",
                        List.of(arrived(0), ivr(1), queued(2, false), offered(3, "anna"), offered(19, "ben"),
                                noAnswer(18, "anna")),
                        new Seen(OFFERED, INBOUND, "ben", "repair", false, false, 0, false)),
                new Row("a late queue entry does not take an offered call back",
                        List.of(arrived(0), ivr(1), offered(3, "anna"), queued(2, false)),
                        new Seen(OFFERED, INBOUND, "anna", "repair", false, false, 0, false)),
                new Row("a transfer: the call has left its agent",
                        inbound(answered(5, "anna"), transferred(8, "1002")),
                        new Seen(TALKING, INBOUND, null, "repair", false, false, 1, true)),
                new Row("a transfer and the hang-up that follows",
                        inbound(answered(5, "anna"), transferred(8, "1002"), hungUp(30)),
                        new Seen(ENDED, INBOUND, null, "repair", false, false, 1, true)),
                new Row("an outbound call placed: the agent's phone rings first",
                        List.of(placed(0), dial(1, "PJSIP/anna", DialProgress.RINGING)),
                        new Seen(DIALING, OUTBOUND, "anna", null, false, false, 0, false)),
                new Row("an outbound call ringing the customer",
                        List.of(placed(0), dial(1, "PJSIP/anna", DialProgress.RINGING),
                                dial(2, "PJSIP/anna", DialProgress.ANSWERED),
                                dial(3, "PJSIP/trunk", DialProgress.RINGING)),
                        new Seen(RINGING, OUTBOUND, "anna", null, false, false, 0, false)),
                new Row("an outbound call the customer answered",
                        List.of(placed(0), dial(1, "PJSIP/anna", DialProgress.RINGING),
                                dial(3, "PJSIP/trunk", DialProgress.RINGING),
                                dial(6, "PJSIP/trunk", DialProgress.ANSWERED)),
                        new Seen(TALKING, OUTBOUND, "anna", null, false, false, 0, true)),
                new Row("an outbound call the customer did not answer",
                        List.of(placed(0), dial(3, "PJSIP/trunk", DialProgress.RINGING),
                                dial(20, "PJSIP/trunk", DialProgress.NO_ANSWER), hungUp(20)),
                        new Seen(ENDED, OUTBOUND, "anna", null, false, false, 0, false)),
                new Row("a dial of an outbound call before the call is known",
                        List.of(dial(1, "PJSIP/anna", DialProgress.RINGING)),
                        new Seen(UNKNOWN, null, null, null, false, false, 0, false)),
                new Row("the early dials of an outbound call are caught up when it is placed",
                        List.of(dial(1, "PJSIP/trunk", DialProgress.RINGING), placed(2)),
                        new Seen(RINGING, OUTBOUND, "anna", null, false, false, 0, false)),
                new Row("a hang-up that overtook the placing of an outbound call",
                        List.of(hungUp(1), placed(2)),
                        new Seen(ENDED, OUTBOUND, "anna", null, false, false, 0, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void eachRowGivesTheCallAConsumerReads(Row row) {
        assertThat(Seen.of(play(row.events()))).isEqualTo(row.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void anEventDeliveredTwiceCountsOnce(Row row) {
        List<CallEvent> twice = new ArrayList<>();
        row.events().forEach(e -> {
            twice.add(e);
            twice.add(e);
        });
        assertThat(play(twice)).isEqualTo(play(row.events()));
    }

    @Test
    void anEventThatChangesNothingGivesBackTheSameCall() {
        LiveCall talking = play(inbound(answered(5, "anna"), hold(6, true)));

        assertThat(LiveCallRules.apply(talking, hold(6, true))).isSameAs(talking);
        assertThat(LiveCallRules.apply(talking, noAnswer(7, "ben"))).isSameAs(talking);
    }

    @Test
    void theOfferKeepsWhatRoutingKnewForTheScreenPop() {
        LiveCall call = play(List.of(arrived(0), ivr(1), queued(2, false), offered(3, "anna"), hungUp(9)));

        assertThat(call.context().customerName()).isEqualTo("Ada");
        assertThat(call.offeredTo()).isEqualTo("anna");
        assertThat(call.device()).isEqualTo("PJSIP/anna");
        assertThat(call.offeredAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(call.endParty()).isEqualTo(HangupParty.CALLER);
        assertThat(call.endedAt()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void aTransferNamesWhoGaveTheCallAway() {
        LiveCall call = play(inbound(answered(5, "anna"), transferred(8, "1002")));

        assertThat(call.transfers()).containsExactly(
                new LiveCall.Transfer(TransferKind.BLIND, "1002", "anna", T0.plusSeconds(8)));
    }

    @Test
    void theRecordingFileStaysKnownAfterTheRecordingStops() {
        LiveCall call = play(inbound(answered(5, "anna"), recording(6, true), recording(9, false)));

        assertThat(call.recordingFile()).isEqualTo("rec-c-1.wav");
        assertThat(call.recording()).isFalse();
    }

    @Test
    void anOutboundCallNamesItsAgentsPhoneAsCallerAndTheNumberDialledAsDestination() {
        LiveCall call = play(List.of(placed(0)));

        assertThat(call.caller()).isEqualTo("PJSIP/anna");
        assertThat(call.destination()).isEqualTo("10086");
        assertThat(call.startedAt()).isEqualTo(T0);
    }

    private static LiveCall play(List<CallEvent> events) {
        LiveCall call = null;
        for (CallEvent e : events) {
            call = LiveCallRules.apply(call, e);
        }
        return call;
    }

    /** An inbound call answered-path prefix (arrived, IVR, queued, offered to anna), then {@code more}. */
    private static List<CallEvent> inbound(CallEvent... more) {
        List<CallEvent> events = new ArrayList<>(List.of(arrived(0), ivr(1), queued(2, false), offered(3, "anna")));
        events.addAll(List.of(more));
        return events;
    }

    private static Instant at(int s) {
        return T0.plusSeconds(s);
    }

    private static CallEvent arrived(int s) {
        return new CallArrived(ID, "0611", "800", "SIP/trunk-1", at(s));
    }

    private static CallEvent ivr(int s) {
        return new IvrCompleted(ID, "main>2", "2", 7L, "Ada", CustomerClass.ORDINARY, "repair", at(s));
    }

    private static CallEvent queued(int s, boolean again) {
        return new CallQueued(ID, "repair", 1, again, at(s));
    }

    private static CallEvent offered(int s, String agent) {
        CallContext context = new CallContext(ID, "0611", "800", 7L, "Ada", CustomerClass.ORDINARY, "main>2", "2",
                "repair", 1, at(0), at(2));
        return new CallOffered(context, agent, "PJSIP/" + agent, at(s));
    }

    private static CallEvent noAnswer(int s, String agent) {
        return new CallRingNoAnswer(ID, "repair", agent, at(s));
    }

    private static CallEvent answered(int s, String agent) {
        return new CallAnswered(ID, "repair", agent, at(s));
    }

    private static CallEvent abandoned(int s) {
        return new CallAbandoned(ID, "repair", Duration.ofSeconds(s), at(s));
    }

    private static CallEvent hungUp(int s) {
        return new CallHungUp(ID, HangupParty.CALLER, "normal", at(s));
    }

    private static CallEvent hold(int s, boolean on) {
        return new CallHoldChanged(ID, on, at(s));
    }

    private static CallEvent recording(int s, boolean on) {
        return new RecordingChanged(ID, on, "rec-c-1.wav", at(s));
    }

    private static CallEvent transferred(int s, String target) {
        return new CallTransferred(ID, TransferKind.BLIND, target, at(s));
    }

    private static CallEvent placed(int s) {
        return new OutboundCallPlaced(ID, "anna", "PJSIP/anna", "10086", at(s));
    }

    private static CallEvent dial(int s, String destination, DialProgress progress) {
        return new CallDialProgress(ID, destination, progress, at(s));
    }
}
