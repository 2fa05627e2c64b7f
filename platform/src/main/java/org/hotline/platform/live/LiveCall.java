package org.hotline.platform.live;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.event.CallEvent.DialProgress;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.routing.CallContext;

/**
 * One call as the whole node sees it now, keyed by {@link #callId}: who calls whom, where it waits, which agent has
 * it, its phase, hold, recording and transfers. Every consumer that needs "the call" (the consoles' relay, the
 * greeting of a reloaded page, the wallboard badges) reads this instead of keeping its own copy rebuilt from events
 * with its own fix for their order. Plain immutable data (a later stage keeps it in a cluster-wide map).
 *
 * @param direction    INBOUND or OUTBOUND; null while the call is known only from an event that does not say
 *                     (a dial or a hang-up that overtook the call's first event)
 * @param caller       the caller's number (inbound), the agent's device (outbound)
 * @param destination  the number dialled: the hotline's (inbound), the customer's (outbound)
 * @param queue        the queue the call waits or waited in; null before the IVR chose one and for outbound calls
 * @param agent        the agent who has the call now: offered, talking, or placing it; null while it waits, after a
 *                     ring-no-answer and after a transfer (the agent hears nothing more of it)
 * @param device       the device of the call's last agent (offered, or the phone an outbound call starts from)
 * @param context      what routing knew when it offered the call (customer, IVR path): the screen-pop's source
 * @param offeredTo    the agent the call was last offered to (kept after the end: a reloaded page files its ticket)
 * @param lastDial     the latest dial the switch reported for the call
 * @param endParty     who hung up; null while live
 * @param endCause     the switch's hang-up cause; null while live
 */
public record LiveCall(String callId, CallDirection direction, String caller, String destination, String queue,
                       String agent, String device, Phase phase, boolean onHold, boolean recording,
                       String recordingFile, List<Transfer> transfers, CallContext context, String offeredTo,
                       Dial lastDial, Instant startedAt, Instant offeredAt, Instant answeredAt, Instant endedAt,
                       HangupParty endParty, String endCause) implements Serializable {

    public LiveCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(phase, "phase");
        transfers = transfers == null ? List.of() : List.copyOf(transfers);
    }

    /** A call nothing is known of but its id, as of {@code at}. */
    public static LiveCall known(String callId, Instant at) {
        return new LiveCall(callId, null, null, null, null, null, null, Phase.UNKNOWN, false, false, null, List.of(),
                null, null, null, at, null, null, null, null, null);
    }

    /** Whether the call is over on the switch. */
    public boolean ended() {
        return phase == Phase.ENDED;
    }

    /** Where a call stands. */
    public enum Phase {
        /** Only a stray event is known so far (its first event is still to come). */
        UNKNOWN,
        /** Inbound: in the IVR. */
        IVR,
        /** Inbound: waiting in a queue (also again after a ring-no-answer). */
        QUEUED,
        /** Inbound: reserved for an agent, whose phone rings. */
        OFFERED,
        /** Outbound: placed; the agent's own phone rings, or the switch is about to dial the customer. */
        DIALING,
        /** Outbound: the customer's phone rings. */
        RINGING,
        /** The conversation is on (an agent answered, or the customer did). */
        TALKING,
        /** Over on the switch. */
        ENDED
    }

    /** One transfer: the call left {@code fromAgent} for {@code target}. */
    public record Transfer(TransferKind kind, String target, String fromAgent, Instant at) implements Serializable {
    }

    /** One dial of the call: the device the switch dials and how that dial stands. */
    public record Dial(String destination, DialProgress progress, Instant at) implements Serializable {
    }
}
