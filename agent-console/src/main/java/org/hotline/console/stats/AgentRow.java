package org.hotline.console.stats;

import java.time.Instant;
import org.hotline.platform.live.LiveCall;
import org.hotline.platform.live.LiveCalls;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.stats.AgentStats;

/** One agent on the wallboard: its live figures, and whether its call in progress is on hold or being recorded. */
public record AgentRow(String username, AgentState state, String reason, Instant stateSince, String callId,
                       long answered, boolean onHold, boolean recording) {
    /** The badges come from the live call of an agent ON_CALL. */
    public static AgentRow of(AgentStats a, LiveCalls liveCalls) {
        LiveCall call = a.state() == AgentState.ON_CALL ? liveCalls.find(a.callId()).orElse(null) : null;
        return new AgentRow(a.username(), a.state(), a.reason(), a.stateSince(), a.callId(), a.answered(),
                call != null && call.onHold(), call != null && call.recording());
    }
}
