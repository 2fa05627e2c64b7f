package org.hotline.routing.agent;

/** Reasons the ACD itself gives when it moves an agent. */
public final class AgentReasons {
    /** NOT_READY right after login. */
    public static final String LOGIN = "login";
    /** NOT_READY after an offered call rang out. */
    public static final String RING_NO_ANSWER = "ring-no-answer";
    /** READY again because the caller hung up while the agent's device was ringing. */
    public static final String CALLER_GONE = "caller-gone";
    /** NOT_READY because the agent's device is offline: it went UNAVAILABLE while READY, or at the end of wrap-up. */
    public static final String DEVICE_UNAVAILABLE = "device-unavailable";

    private AgentReasons() {
    }
}
