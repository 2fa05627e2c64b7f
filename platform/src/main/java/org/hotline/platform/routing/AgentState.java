package org.hotline.platform.routing;

/** The states of an agent in the ACD. Allowed transitions are kept in the routing module's state machine. */
public enum AgentState {
    LOGGED_OUT,
    /** Logged in but not taking calls; always carries a reason (break, meeting, ring-no-answer, login ...). */
    NOT_READY,
    /** Waiting for a call. */
    READY,
    /** A call was offered; the agent's device is ringing. */
    RESERVED,
    ON_CALL,
    /** After-call work; ends by a timer or when the agent finishes it. */
    WRAP_UP
}
