package org.hotline.platform.routing;

/**
 * Nothing changed: the call is live but no agent is ringing for it (it waits in its queue, or was answered already),
 * so a report on a ring does not apply. The same answer to {@code answered} and {@code ringNoAnswer}.
 */
public record NotRinging(String callId) implements AnswerOutcome, RingNoAnswerOutcome {
}
