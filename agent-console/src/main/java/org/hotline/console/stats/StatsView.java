package org.hotline.console.stats;

import java.util.List;
import org.hotline.console.callcontrol.CallFeatureStates;
import org.hotline.platform.stats.LiveSnapshot;
import org.hotline.platform.stats.QueueStats;

/** The wallboard payload: {@code {"queues": [...], "agents": [...]}} (the WebSocket adds {@code "type":"stats"}). */
public record StatsView(List<QueueStats> queues, List<AgentRow> agents) {
    public static StatsView of(LiveSnapshot snapshot, CallFeatureStates features) {
        return new StatsView(snapshot.queues(), snapshot.agents().stream().map(a -> AgentRow.of(a, features)).toList());
    }
}
