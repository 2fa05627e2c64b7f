package org.hotline.routing;

import java.io.Serial;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.hotline.routing.agent.AgentRoster;
import org.hotline.routing.queue.QueueBoard;
import org.hotline.routing.queue.QueuedCall;

/**
 * Everything the ACD knows, as data: queues with their waiting calls, agents, the calls it holds, the devices' last
 * reported reachability and the arrival counter. The {@link RoutingEngine} applies its rules to it; on one node the
 * {@link Acd} keeps it behind its lock, in a cluster {@link ClusteredAcd} keeps it in a Hazelcast entry whose backup
 * replays the same commands, so it must serialise (handles on timers and waiting threads are transient).
 */
final class AcdState implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    final QueueBoard queues;
    final AgentRoster roster = new AgentRoster();
    final Map<String, QueuedCall> calls = new HashMap<>();
    /** Per device (one member of a device list): whether the switch's last report said it is reachable. */
    final Map<String, Boolean> reachable = new HashMap<>();
    long nextSeq;

    AcdState(QueueBoard queues) {
        this.queues = queues;
    }
}
