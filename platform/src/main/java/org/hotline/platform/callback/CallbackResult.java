package org.hotline.platform.callback;

/** How one callback attempt went, as the agent reports it. */
public enum CallbackResult {
    /** The customer was reached: the request is DONE. */
    REACHED,
    /** Nobody answered or the line was busy: PENDING again while attempts remain, else FAILED. */
    NO_ANSWER,
    /** The number does not reach the customer: FAILED. */
    WRONG_NUMBER
}
