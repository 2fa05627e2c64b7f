package org.hotline.platform.routing;

/**
 * The ACD's call side. The IVR enqueues a call, waits for a reservation, rings the agent and reports the outcome.
 * A caller hang-up needs no call: routing follows the {@code CallHungUp} event (removes the call from its queue or
 * frees / wraps up the agent).
 */
public interface CallRouter {
    /**
     * Puts the call into {@code call.queue()}.
     *
     * @throws org.hotline.platform.error.NotFoundException for an unknown queue
     */
    WaitingCall enqueue(CallContext call);

    /** The reserved agent answered: the agent goes ON_CALL. */
    void answered(String callId);

    /**
     * The reserved agent did not answer: the agent goes NOT_READY, the call goes back to the head of its queue and
     * the same {@link WaitingCall} waits for the next reservation.
     */
    void ringNoAnswer(String callId);

    /**
     * The caller leaves the queue with a queue callback arranged ({@code callbackId}): a waiting call is removed
     * without counting as abandoned, and {@code CallbackRequested} is published.
     *
     * @return true when the call left the queue; false when an agent is already reserved for it (connect the caller
     *         to that agent instead)
     * @throws org.hotline.platform.error.NotFoundException when the ACD has no such live call (the caller is gone)
     */
    boolean withdraw(String callId, long callbackId);
}
