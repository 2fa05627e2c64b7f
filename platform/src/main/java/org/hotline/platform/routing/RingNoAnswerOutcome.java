package org.hotline.platform.routing;

import java.io.Serializable;
/**
 * How {@link CallRouter#ringNoAnswer} ended: whether the caller keeps waiting (and why) or is gone. The ring guard
 * and the caller's hang-up race with the IVR's report, so each of these is a normal answer, not an error.
 */
public sealed interface RingNoAnswerOutcome extends Serializable
        permits RingNoAnswerOutcome.Requeued, RingNoAnswerOutcome.AlreadyRequeued, CallGone, NotRinging {

    /** The agent went NOT_READY and the call is back at the head of its queue: keep waiting for the next agent. */
    record Requeued(String callId, String agent) implements RingNoAnswerOutcome {
    }

    /** The ring guard had already taken the call back into its queue: nothing changed, keep waiting. */
    record AlreadyRequeued(String callId) implements RingNoAnswerOutcome {
    }
}
