package org.hotline.platform.event;

import java.time.Duration;
import java.time.Instant;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.routing.CallContext;

/** The phases of one call, in the order they normally happen. Every event names the call by {@link #callId()}. */
public sealed interface CallEvent extends HotlineEvent {
    String callId();

    /**
     * The switch handed the call to the platform (IVR start). {@code switchCallId} is the switch's own id of the
     * call (Asterisk's uniqueid of the caller's channel), kept on the record so that a restarted node can find the
     * call on the switch again; null where the switch has none worth keeping (the simulator).
     */
    record CallArrived(String callId, String ani, String dnis, String channel, String switchCallId, Instant at)
            implements CallEvent {
        /** An arrival without a switch id. */
        public CallArrived(String callId, String ani, String dnis, String channel, Instant at) {
            this(callId, ani, dnis, channel, null, at);
        }
    }

    /**
     * An agent placed a call from its own phone ({@code device}) to {@code destination} (click-to-dial, a queue
     * callback): the start of an OUTBOUND call, published by the console's dialer once the switch has accepted the
     * call. The switch may already have reported the call's first dial (the phone ringing) or even its end; the call
     * recorder catches those up.
     */
    record OutboundCallPlaced(String callId, String agent, String device, String destination, Instant at)
            implements CallEvent {
    }

    /**
     * The IVR finished: {@code path} is the menu path walked (e.g. {@code main>2}), {@code digits} every key collected.
     * {@code customerId} is null for an unknown caller. {@code queue} is null when the call ends in the IVR.
     */
    record IvrCompleted(String callId, String path, String digits, Long customerId, String customerName,
                        CustomerClass customerClass, String queue, Instant at) implements CallEvent {
    }

    /** The call entered a queue (again, after a ring-no-answer: then {@code requeued} is true). */
    record CallQueued(String callId, String queue, int priority, boolean requeued, Instant at) implements CallEvent {
    }

    /** Routing reserved an agent for the call; the agent's device now rings and the console pops. */
    record CallOffered(CallContext call, String agent, String device, Instant at) implements CallEvent {
        @Override
        public String callId() {
            return call.callId();
        }
    }

    /** The reserved agent did not answer within the ring timeout. */
    record CallRingNoAnswer(String callId, String queue, String agent, Instant at) implements CallEvent {
    }

    /** The agent answered: the conversation has started. */
    record CallAnswered(String callId, String queue, String agent, Instant at) implements CallEvent {
    }

    /** The caller left the queue before an agent answered. */
    record CallAbandoned(String callId, String queue, Duration waited, Instant at) implements CallEvent {
    }

    /**
     * The caller left the queue after arranging a queue callback ({@code callbackId}); not an abandon. The switch
     * still reports the hang-up that follows.
     */
    record CallbackRequested(String callId, String queue, Duration waited, long callbackId, Instant at)
            implements CallEvent {
    }

    /** The call is over on the switch (whoever hung up). Always the last event of a call. */
    record CallHungUp(String callId, HangupParty party, String cause, Instant at) implements CallEvent {
    }

    /** The call was put on hold (the caller hears music) or taken off hold. */
    record CallHoldChanged(String callId, boolean onHold, Instant at) implements CallEvent {
    }

    /** The call was transferred to {@code target} (blind: at once; attended: after the agent consulted the target). */
    record CallTransferred(String callId, TransferKind kind, String target, Instant at) implements CallEvent {
    }

    /** Recording of the call started or stopped; {@code file} is the recording's file name on the switch. */
    record RecordingChanged(String callId, boolean recording, String file, Instant at) implements CallEvent {
    }

    /**
     * The switch dials {@code destination} for the call, and how that dial went: RINGING when it starts, then one of
     * the others when it ends. {@code destination} is the device dialled, as the switch names it without the
     * channel's suffix ({@code PJSIP/1001}, {@code PJSIP/trunk}): the agent's phone of a queued call, the agent's own
     * phone and then the customer of a click-to-dial call, a transfer's target. A device list rung in parallel gives
     * one dial per device (the one that answers ANSWERED, the others CANCELLED).
     */
    record CallDialProgress(String callId, String destination, DialProgress progress, Instant at)
            implements CallEvent {
    }

    /** How one dial of a call stands: ringing, or how it ended (Asterisk's DIALSTATUS). */
    enum DialProgress {
        RINGING, ANSWERED, BUSY, NO_ANSWER, CANCELLED, UNAVAILABLE, FAILED;

        /** Whether the dial is over (everything but RINGING). */
        public boolean ended() {
            return this != RINGING;
        }
    }

    enum TransferKind { BLIND, ATTENDED }

    /** Who ended the call. */
    enum HangupParty { CALLER, AGENT, SYSTEM }
}
