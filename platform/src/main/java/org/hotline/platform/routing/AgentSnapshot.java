package org.hotline.platform.routing;

import java.io.Serializable;
import java.time.Instant;
import java.util.Set;

/** An agent's current state; {@code since} is when it entered the state, {@code callId} the call attached (or null). */
public record AgentSnapshot(String username, String displayName, Set<String> skills, String device, AgentState state,
                            String reason, Instant since, String callId) implements Serializable {
}
