package org.hotline.interactions.live;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.hotline.platform.call.CallDirection;
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
import org.hotline.platform.event.CallEvent.CallbackRequested;
import org.hotline.platform.event.CallEvent.DialProgress;
import org.hotline.platform.event.CallEvent.IvrCompleted;
import org.hotline.platform.event.CallEvent.OutboundCallPlaced;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.live.LiveCall;
import org.hotline.platform.live.LiveCall.Dial;
import org.hotline.platform.live.LiveCall.Phase;
import org.hotline.platform.live.LiveCall.Transfer;
import org.hotline.platform.telephony.Devices;

/**
 * How one event changes one live call: a pure function, the one place where the order of a call's events is
 * interpreted (each consumer used to have its own fix). The switch below is the table, one row per event type.
 *
 * <p>Two promises every row keeps, so that delivery may repeat an event and the switch's known reorderings do no
 * harm: applying an event twice gives what applying it once gave; and an event that comes too late for the call's
 * phase adds only what it alone knows and never moves the call back (nothing revives an ENDED call, a stale
 * ring-no-answer of an agent the call has left changes nothing, a late CallQueued does not take an offered call
 * back). A call may start from any event: a dial or a hang-up that overtook the call's first event makes a call of
 * unknown direction that the first event completes.
 */
public final class LiveCallRules {
    /** The phases a (re-)offer or a queue entry may come from; later ones make it stale. */
    private static final Set<Phase> BEFORE_TALKING = EnumSet.of(Phase.UNKNOWN, Phase.IVR, Phase.QUEUED,
            Phase.OFFERED);

    private LiveCallRules() {
    }

    /** The call after {@code event}; {@code current} is null for a call not known yet. */
    public static LiveCall apply(LiveCall current, CallEvent event) {
        LiveCall call = current != null ? current : LiveCall.known(event.callId(), event.at());
        if (!call.callId().equals(event.callId())) {
            throw new IllegalArgumentException(event + " is not about call " + call.callId());
        }
        Draft d = new Draft(call);
        switch (event) {
            case CallArrived e -> arrived(d, e);
            case OutboundCallPlaced e -> placed(d, e);
            case IvrCompleted e -> {
                if (e.queue() != null && !d.ended()) {
                    d.queue = e.queue();
                }
            }
            case CallQueued e -> {
                if (BEFORE_TALKING.contains(d.phase) && d.phase != Phase.OFFERED) {
                    d.queue = e.queue();
                    d.phase = Phase.QUEUED;
                }
            }
            case CallOffered e -> offered(d, e);
            case CallRingNoAnswer e -> {
                if (d.phase == Phase.OFFERED && e.agent().equals(d.agent)) {
                    d.agent = null;
                    d.phase = Phase.QUEUED;
                }
            }
            case CallAnswered e -> {
                if (!d.ended()) {
                    d.phase = Phase.TALKING;
                    d.agent = e.agent();
                    d.queue = e.queue() != null ? e.queue() : d.queue;
                    d.answeredAt = d.answeredAt != null ? d.answeredAt : e.at();
                }
            }
            // the hang-up that follows says it; the ringing agent still hears of that hang-up
            case CallAbandoned e -> { }
            case CallbackRequested e -> { }
            case CallHungUp e -> hungUp(d, e);
            case CallHoldChanged e -> {
                if (!d.ended()) {
                    d.onHold = e.onHold();
                }
            }
            case RecordingChanged e -> {
                if (!d.ended()) {
                    d.recording = e.recording();
                    d.recordingFile = e.file() != null ? e.file() : d.recordingFile;
                }
            }
            case CallTransferred e -> transferred(d, e);
            case CallDialProgress e -> {
                if (!d.ended()) {
                    d.lastDial = new Dial(e.destination(), e.progress(), e.at());
                    dialled(d);
                }
            }
        }
        LiveCall next = d.done();
        return next.equals(call) && current != null ? current : next;
    }

    private static void arrived(Draft d, CallArrived e) {
        d.direction = CallDirection.INBOUND;
        d.caller = e.ani();
        d.destination = e.dnis();
        d.startedAt = e.at();
        if (d.phase == Phase.UNKNOWN) {
            d.phase = Phase.IVR;
        }
    }

    /** The agent's outbound call: known with its agent from its first event (or completed, if a dial overtook it). */
    private static void placed(Draft d, OutboundCallPlaced e) {
        d.direction = CallDirection.OUTBOUND;
        d.agent = e.agent();
        d.device = e.device();
        d.caller = e.device();
        d.destination = e.destination();
        d.startedAt = e.at();
        if (d.phase == Phase.UNKNOWN) {
            d.phase = Phase.DIALING;
            dialled(d);
        }
    }

    private static void offered(Draft d, CallOffered e) {
        if (!BEFORE_TALKING.contains(d.phase) || (d.offeredAt != null && e.at().isBefore(d.offeredAt))) {
            return;
        }
        d.phase = Phase.OFFERED;
        d.agent = e.agent();
        d.device = e.device();
        d.offeredTo = e.agent();
        d.offeredAt = e.at();
        d.context = e.call();
        d.queue = e.call().queue() != null ? e.call().queue() : d.queue;
        if (d.direction == null) {
            d.direction = CallDirection.INBOUND;
        }
    }

    /** Over: the agent stays named (it files the call's ticket), hold and recording are off. */
    private static void hungUp(Draft d, CallHungUp e) {
        if (d.ended()) {
            return;
        }
        d.phase = Phase.ENDED;
        d.endedAt = e.at();
        d.endParty = e.party();
        d.endCause = e.cause();
        d.onHold = false;
        d.recording = false;
    }

    /** The call left its agent for the target; the same transfer told twice is one. */
    private static void transferred(Draft d, CallTransferred e) {
        if (d.ended()) {
            return;
        }
        Transfer t = new Transfer(e.kind(), e.target(), d.agent, e.at());
        boolean again = d.transfers.stream().anyMatch(x -> x.kind() == t.kind() && x.at().equals(t.at())
                && Objects.equals(x.target(), t.target()));
        if (!again) {
            d.transfers.add(t);
            d.agent = null;
        }
    }

    /**
     * An outbound call's last dial: the customer's phone ringing or answering moves the call on; the agent's own
     * phone (which rings first) and inbound calls' dials do not.
     */
    private static void dialled(Draft d) {
        Dial dial = d.lastDial;
        if (dial == null || d.direction != CallDirection.OUTBOUND || dial.destination() == null
                || (d.device != null && Devices.contains(d.device, dial.destination()))) {
            return;
        }
        if (dial.progress() == DialProgress.RINGING && d.phase == Phase.DIALING) {
            d.phase = Phase.RINGING;
        } else if (dial.progress() == DialProgress.ANSWERED
                && (d.phase == Phase.DIALING || d.phase == Phase.RINGING)) {
            d.phase = Phase.TALKING;
            d.answeredAt = d.answeredAt != null ? d.answeredAt : dial.at();
        }
    }
}
