package org.hotline.routing;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ACD's state as the cluster holds it: one Hazelcast entry, on the member that owns its partition, with a backup
 * on another member that applies the same commands. Beside the {@link AcdState} it keeps the timers the ACD has armed
 * (when each fires), because a timer lives on one member: the member that takes the entry over after a loss arms
 * them again from here.
 */
final class AcdShard implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    final AcdState state;
    private final Map<String, Deadline> deadlines = new HashMap<>();

    /** A timer the ACD armed: ending a wrap-up ({@code count} = the agent's transitions) or a ring guard (offer). */
    record Deadline(Kind kind, String subject, long count, Instant at) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        enum Kind { WRAP_UP, RING }

        String key() {
            return kind + ":" + subject + ":" + count;
        }
    }

    AcdShard(AcdState state) {
        this.state = state;
    }

    void armed(Deadline d) {
        deadlines.put(d.key(), d);
    }

    void disarmed(String key) {
        deadlines.remove(key);
    }

    /** Every timer still to fire, for a member that takes the ACD over. */
    List<Deadline> deadlines() {
        return List.copyOf(deadlines.values());
    }
}
