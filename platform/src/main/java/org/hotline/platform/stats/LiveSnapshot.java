package org.hotline.platform.stats;

import java.time.Instant;
import java.util.List;

public record LiveSnapshot(Instant at, List<QueueStats> queues, List<AgentStats> agents) {
}
