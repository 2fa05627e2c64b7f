package org.hotline.platform.routing;

/**
 * The ACD's call side. The IVR enqueues a call, waits for a reservation, rings the agent and reports the outcome.
 * A caller hang-up needs no call: routing follows the {@code CallHungUp} event (removes the call from its queue or
 * frees / wraps up the agent).
 *
 * <p>Every answer about the call is a value of a sealed outcome type that the caller switches over: the ring guard,
 * the caller's hang-up and the IVR's reports race one another, so "the call is gone" or "already requeued" is an
 * ordinary answer, not an error. Only a programming error (a null argument) throws.
 */
public interface CallRouter {
    /** Puts the call into {@code call.queue()}: {@code Queued}, {@code UnknownQueue} or {@code AlreadyInAcd}. */
    EnqueueOutcome enqueue(CallContext call);

    /** The reserved agent answered: the agent goes ON_CALL ({@code Connected}). */
    AnswerOutcome answered(String callId);

    /**
     * The reserved agent did not answer: the agent goes NOT_READY, the call goes back to the head of its queue and
     * the same {@link WaitingCall} waits for the next reservation ({@code Requeued}).
     */
    RingNoAnswerOutcome ringNoAnswer(String callId);

    /**
     * The caller leaves the queue with a queue callback arranged ({@code callbackId}): a waiting call is removed
     * without counting as abandoned, and {@code CallbackRequested} is published ({@code Withdrawn}); a call an agent
     * is already reserved for stays ({@code AgentAlreadyReserved}: connect the caller to that agent instead).
     */
    WithdrawOutcome withdraw(String callId, long callbackId);
}
