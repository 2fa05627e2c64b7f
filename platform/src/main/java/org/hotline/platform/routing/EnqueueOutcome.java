package org.hotline.platform.routing;

import java.io.Serializable;

/**
 * How {@link CallRouter#enqueue} ended. An unknown queue or a call already in the ACD is an answer the IVR acts on
 * (apologise and hang up), so it is a value, not an exception.
 */
public sealed interface EnqueueOutcome extends Serializable {

    /** The call waits in its queue (or rings an agent already): wait on {@code call} for a reservation. */
    record Queued(WaitingCall call) implements EnqueueOutcome {
    }

    /** Nothing queued: routing has no queue named {@code queue}; tell the caller and end the call. */
    record UnknownQueue(String queue) implements EnqueueOutcome {
    }

    /** Nothing changed: {@code callId} is already queued, ringing or talking; the first enqueue keeps it. */
    record AlreadyInAcd(String callId) implements EnqueueOutcome {
    }
}
