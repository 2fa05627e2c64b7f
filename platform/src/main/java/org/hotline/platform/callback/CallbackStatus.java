package org.hotline.platform.callback;

/**
 * Where a queue callback stands. A caller who chose a callback while waiting creates a PENDING request; an agent
 * claims it (IN_PROGRESS, the agent's phone dials the customer) and reports how it went: DONE when the customer was
 * reached, back to PENDING after a failed attempt while attempts remain, FAILED when none remain or the number is
 * wrong. A supervisor may CANCEL an open request. See {@link CallbackTransitions}.
 */
public enum CallbackStatus {
    PENDING, IN_PROGRESS, DONE, FAILED, CANCELLED;

    /** Still to be worked: PENDING or IN_PROGRESS. */
    public boolean open() {
        return this == PENDING || this == IN_PROGRESS;
    }
}
