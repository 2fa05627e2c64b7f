package org.hotline.platform.routing;

/**
 * Routing has no live call {@code callId} (never queued, or the caller hung up and routing forgot it): nothing
 * changed; the caller's side is over. The same answer to {@code answered}, {@code ringNoAnswer} and {@code withdraw}.
 */
public record CallGone(String callId) implements AnswerOutcome, RingNoAnswerOutcome, WithdrawOutcome {
}
