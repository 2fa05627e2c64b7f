package org.hotline.console.stats;

import java.util.List;
import org.hotline.platform.live.LiveCalls;
import org.hotline.platform.stats.LiveSnapshot;
import org.hotline.platform.stats.QueueStats;

/** The wallboard payload: {@code {"queues": [...], "agents": [...]}} (the WebSocket adds {@code "type":"stats"}). */
public record StatsView(List<QueueStats> queues, List<AgentRow> agents) {
    public static StatsView of(LiveSnapshot snapshot, LiveCalls liveCalls) {
        return new StatsView(snapshot.queues(), snapshot.agents().stream().map(a -> AgentRow.of(a, liveCalls)).toList());
    }
}
