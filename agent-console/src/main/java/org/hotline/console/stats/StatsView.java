package org.hotline.console.stats;

import java.util.List;
import org.hotline.platform.live.LiveCalls;
import org.hotline.platform.stats.LiveSnapshot;
import org.hotline.platform.stats.QueueStats;

/**
 * The wallboard payload: {@code {"queues": [...], "agents": [...], "calls": [...]}} (the WebSocket adds
 * {@code "type":"stats"}); the agents' badges and the calls in progress (oldest first) come from the live-call model.
 */
public record StatsView(List<QueueStats> queues, List<AgentRow> agents, List<LiveCallRow> calls) {
    public static StatsView of(LiveSnapshot snapshot, LiveCalls liveCalls) {
        return new StatsView(snapshot.queues(), snapshot.agents().stream().map(a -> AgentRow.of(a, liveCalls)).toList(),
                liveCalls.active().stream().map(LiveCallRow::of).toList());
    }
}
