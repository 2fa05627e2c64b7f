package org.hotline.reporting.live;

import java.util.List;
import java.util.function.Function;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.event.HotlineEvent;

/**
 * Where the day's {@link LiveCounts} live: in this node's memory, or in the cluster ({@link ClusterCounts}) so that
 * every node shows the same figures. Each event is folded in once, by the node it was published on.
 */
interface LiveCountsStore {
    void apply(HotlineEvent event);

    void openCallbacks(List<CallbackRequest> open);

    /** Runs {@code query} on the counts; the query may change what it is given (a day's roll-over) and nothing else. */
    <T> T read(Function<LiveCounts, T> query);

    /** Stops the store's own work (a cluster's pending folds are sent first). */
    default void close() {
    }

    /** The counts of one node, under a lock. */
    final class InMemory implements LiveCountsStore {
        private final LiveCounts counts;
        private final java.time.ZoneId zone;

        InMemory(LiveCounts counts, java.time.ZoneId zone) {
            this.counts = counts;
            this.zone = zone;
        }

        @Override
        public synchronized void apply(HotlineEvent event) {
            counts.apply(event, zone);
        }

        @Override
        public synchronized void openCallbacks(List<CallbackRequest> open) {
            counts.openCallbacks(open);
        }

        @Override
        public synchronized <T> T read(Function<LiveCounts, T> query) {
            return query.apply(counts);
        }
    }
}
