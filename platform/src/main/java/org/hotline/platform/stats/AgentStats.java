package org.hotline.platform.stats;

import java.time.Instant;
import org.hotline.platform.routing.AgentState;

public record AgentStats(String username, AgentState state, String reason, Instant stateSince, String callId,
                         long answered) {
}
