package org.hotline.reporting.live;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import java.io.Serial;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.event.HotlineEvent;

/**
 * The day's counts in one Hazelcast entry, the same for every node: each node folds in the events published on it
 * (the ACD's on the member that runs it, a callback's change where it was made) with an entry processor, which its
 * backup replays; a snapshot reads a copy. So a supervisor sees the same figures on every node, and a node that
 * joins late or restarts does not start the day from zero.
 */
final class ClusterCounts implements LiveCountsStore {
    static final String MAP = "hotline.live-stats";
    private static final String KEY = "today";

    private final IMap<String, LiveCounts> map;
    private final ZoneId zone;
    private final Supplier<LiveCounts> empty;

    /** @param empty the counts of a day with nothing yet, to start the entry when no node has */
    ClusterCounts(HazelcastInstance hz, Supplier<LiveCounts> empty, ZoneId zone) {
        hz.getConfig().addMapConfig(new MapConfig(MAP).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(1));
        this.map = hz.getMap(MAP);
        this.zone = zone;
        this.empty = empty;
        map.putIfAbsent(KEY, empty.get());
    }

    @Override
    public void apply(HotlineEvent event) {
        map.executeOnKey(KEY, new Fold(event, null, zone));
    }

    @Override
    public void openCallbacks(List<CallbackRequest> open) {
        map.executeOnKey(KEY, new Fold(null, new ArrayList<>(open), zone));
    }

    @Override
    public <T> T read(Function<LiveCounts, T> query) {
        LiveCounts copy = map.executeOnKey(KEY, new Copy());
        if (copy == null) {
            // every member that held the day's counts died before its backup was made: start the day again
            map.putIfAbsent(KEY, empty.get());
            copy = empty.get();
        }
        return query.apply(copy);
    }

    /** Folds one event (or the open callbacks) into the entry; the backup replays it. */
    private record Fold(HotlineEvent event, ArrayList<CallbackRequest> open, ZoneId zone)
            implements EntryProcessor<String, LiveCounts, Void> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Void process(Map.Entry<String, LiveCounts> entry) {
            LiveCounts counts = entry.getValue();
            if (counts == null) {
                return null; // lost with every member that held it: the next node to start seeds it again
            }
            if (event != null) {
                counts.apply(event, zone);
            }
            if (open != null) {
                counts.openCallbacks(open);
            }
            entry.setValue(counts);
            return null;
        }
    }

    /** A copy of the counts, for a snapshot. */
    private record Copy() implements EntryProcessor<String, LiveCounts, LiveCounts>, ReadOnly {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public LiveCounts process(Map.Entry<String, LiveCounts> entry) {
            // a copy even for a caller on this member, which would otherwise get the live entry
            return entry.getValue() == null ? null : entry.getValue().copy();
        }

        @Override
        public EntryProcessor<String, LiveCounts, LiveCounts> getBackupProcessor() {
            return null;
        }
    }
}
