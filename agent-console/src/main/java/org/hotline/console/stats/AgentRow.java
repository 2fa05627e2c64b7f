package org.hotline.console.stats;

import java.time.Instant;
import org.hotline.console.callcontrol.CallFeatureStates;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.stats.AgentStats;

/** One agent on the wallboard: its live figures, and whether its call in progress is on hold or being recorded. */
public record AgentRow(String username, AgentState state, String reason, Instant stateSince, String callId,
                       long answered, boolean onHold, boolean recording) {
    public static AgentRow of(AgentStats a, CallFeatureStates features) {
        CallFeatureStates.Features f = a.state() == AgentState.ON_CALL ? features.of(a.callId())
                : CallFeatureStates.Features.NONE;
        return new AgentRow(a.username(), a.state(), a.reason(), a.stateSince(), a.callId(), a.answered(),
                f.onHold(), f.recording());
    }
}
