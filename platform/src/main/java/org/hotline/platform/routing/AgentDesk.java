package org.hotline.platform.routing;

import java.util.List;
import java.util.Optional;

/**
 * The ACD's agent side, driven by the consoles (and by simulated agents). An agent's own requests answer with an
 * {@link AgentMove}: moved, or why not (unknown agent, a move the state machine does not allow, no reachable device,
 * no reason given); nothing changes on a refusal.
 */
public interface AgentDesk {
    /** Makes an agent known to routing (LOGGED_OUT), or updates its skills and device. */
    void register(AgentProfile profile);

    /** LOGGED_OUT → NOT_READY ("login"). Logging in again while logged in is a no-op. */
    AgentMove login(String agent);

    AgentMove ready(String agent);

    AgentMove notReady(String agent, String reason);

    /** Ends wrap-up early: WRAP_UP → READY. */
    AgentMove finishWrapUp(String agent);

    AgentMove logout(String agent);

    Optional<AgentSnapshot> agent(String agent);

    List<AgentSnapshot> agents();
}
