package org.hotline.routing.queue;

/** Where a call stands in the ACD. */
public enum CallStatus {
    /** In its queue, waiting for an agent. */
    WAITING,
    /** Reserved for an agent whose device is ringing. */
    RINGING,
    /** The agent answered; the call stays known to routing until it hangs up. */
    CONNECTED,
    /** Abandoned or hung up: routing forgot it. */
    ENDED
}
