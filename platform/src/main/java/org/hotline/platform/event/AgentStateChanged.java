package org.hotline.platform.event;

import java.time.Instant;
import org.hotline.platform.routing.AgentState;

/** An agent moved to {@code state}; {@code reason} is set for NOT_READY, {@code callId} while a call is attached. */
public record AgentStateChanged(String agent, AgentState state, String reason, String callId, Instant at)
        implements HotlineEvent {
}
