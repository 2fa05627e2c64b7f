package org.hotline.routing.queue;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hotline.platform.error.ValidationException;

/** Every queue of the ACD by name. Not thread-safe: guarded by the ACD's lock. */
public final class QueueBoard implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Map<String, CallQueue> queues = new LinkedHashMap<>();

    public QueueBoard(List<QueueDefinition> definitions) {
        if (definitions == null || definitions.isEmpty()) {
            throw new ValidationException("queues", "the ACD needs at least one queue");
        }
        for (QueueDefinition d : definitions) {
            if (d == null) {
                throw new ValidationException("queues", "a queue definition is missing");
            }
            if (queues.putIfAbsent(d.name(), new CallQueue(d)) != null) {
                throw new ValidationException("queues", "queue " + d.name() + " is defined twice");
            }
        }
    }

    /** The queue named {@code name}, or empty when the ACD has none by that name. */
    public Optional<CallQueue> find(String name) {
        return Optional.ofNullable(queues.get(name));
    }

    /**
     * The queue of a call the ACD already holds; such a queue always exists.
     *
     * @throws IllegalStateException when it does not (a bug in the ACD, not an answer to a caller)
     */
    public CallQueue require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("the ACD has no queue " + name));
    }

    /** The call an agent with {@code skills} should take next: the best head among the queues it serves. */
    public Optional<QueuedCall> bestFor(Set<String> skills) {
        QueuedCall best = null;
        for (CallQueue queue : queues.values()) {
            if (!skills.contains(queue.definition().skill())) {
                continue;
            }
            QueuedCall head = queue.head().orElse(null);
            if (head != null && (best == null || QueuedCall.SERVING_ORDER.compare(head, best) < 0)) {
                best = head;
            }
        }
        return Optional.ofNullable(best);
    }

    public Collection<CallQueue> all() {
        return queues.values();
    }
}
