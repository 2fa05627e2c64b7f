package org.hotline.platform.routing;

import java.util.List;
import java.util.Optional;

/**
 * The ACD's agent side, driven by the consoles (and by simulated agents). Every method throws
 * {@link org.hotline.platform.error.NotFoundException} for an unknown agent and
 * {@link org.hotline.platform.error.ConflictException} for a transition the state machine does not allow.
 */
public interface AgentDesk {
    /** Makes an agent known to routing (LOGGED_OUT), or updates its skills and device. */
    void register(AgentProfile profile);

    /** LOGGED_OUT → NOT_READY ("login"). Logging in again while logged in is a no-op. */
    AgentSnapshot login(String agent);

    AgentSnapshot ready(String agent);

    AgentSnapshot notReady(String agent, String reason);

    /** Ends wrap-up early: WRAP_UP → READY. */
    AgentSnapshot finishWrapUp(String agent);

    AgentSnapshot logout(String agent);

    Optional<AgentSnapshot> agent(String agent);

    List<AgentSnapshot> agents();
}
