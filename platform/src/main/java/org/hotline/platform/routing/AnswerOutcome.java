package org.hotline.platform.routing;

import java.io.Serializable;
/**
 * How {@link CallRouter#answered} ended. Caller and agent may already be talking whatever routing says, so every
 * outcome is something to carry on from, never an exception.
 */
public sealed interface AnswerOutcome extends Serializable permits AnswerOutcome.Connected, CallGone, NotRinging {

    /** The reserved agent {@code agent} is now ON_CALL with the call: the conversation goes on. */
    record Connected(String callId, String agent) implements AnswerOutcome {
    }
}
