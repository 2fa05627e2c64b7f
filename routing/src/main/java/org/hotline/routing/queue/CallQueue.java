package org.hotline.routing.queue;

import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;
import java.util.TreeSet;

/** The calls waiting in one queue, in serving order. Not thread-safe: guarded by the ACD's lock. */
public final class CallQueue implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final QueueDefinition definition;
    private final TreeSet<QueuedCall> waiting = new TreeSet<>(QueuedCall.SERVING_ORDER);

    public CallQueue(QueueDefinition definition) {
        this.definition = definition;
    }

    public QueueDefinition definition() {
        return definition;
    }

    public void add(QueuedCall call) {
        waiting.add(call);
    }

    public boolean remove(QueuedCall call) {
        return waiting.remove(call);
    }

    public Optional<QueuedCall> head() {
        return waiting.isEmpty() ? Optional.empty() : Optional.of(waiting.first());
    }

    /** 1-based position of a waiting call, 0 when it is not in this queue. */
    public int position(QueuedCall call) {
        return waiting.contains(call) ? waiting.headSet(call).size() + 1 : 0;
    }

    public int size() {
        return waiting.size();
    }
}
