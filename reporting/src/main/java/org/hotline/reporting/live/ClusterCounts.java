package org.hotline.reporting.live;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.cluster.RecordCodec;
import org.hotline.platform.event.HotlineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The day's counts in one Hazelcast entry, the same for every node: each node folds in the events published on it
 * (the ACD's on the member that runs it, a callback's change where it was made) with an entry processor, which its
 * backup replays; a snapshot reads a copy. So a supervisor sees the same figures on every node, and a node that
 * joins late or restarts does not start the day from zero.
 *
 * <p>The events are folded in batches ({@link #FLUSH}): one entry operation (and its backup) per batch instead of per
 * event, sent off the publisher's thread, in {@link RecordCodec}'s form. A wallboard refreshes every second, so a
 * batch that waits at most {@link #FLUSH} changes nothing a supervisor sees; a snapshot on a node folds that node's
 * own batch first, so it always includes what happened on its node. A node that dies loses the batch it had not sent
 * (at most {@link #FLUSH} of its events): the live figures are a view, the durable figures are the call records.
 */
final class ClusterCounts implements LiveCountsStore {
    static final String MAP = "hotline.live-stats";
    private static final String KEY = "today";
    /** How long an event waits, at most, before it is folded into the shared counts. */
    static final Duration FLUSH = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCounts.class);

    private final IMap<String, LiveCounts> map;
    private final ZoneId zone;
    private final Supplier<LiveCounts> empty;
    private final ReentrantLock folding = new ReentrantLock();
    private final Deque<Object> pending = new ArrayDeque<>();
    private final ScheduledExecutorService flusher;

    /** @param empty the counts of a day with nothing yet, to start the entry when no node has */
    ClusterCounts(HazelcastInstance hz, Supplier<LiveCounts> empty, ZoneId zone) {
        hz.getConfig().addMapConfig(new MapConfig(MAP).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(1));
        this.map = hz.getMap(MAP);
        this.zone = zone;
        this.empty = empty;
        map.putIfAbsent(KEY, empty.get());
        this.flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("live-counts")
                .factory());
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH.toMillis(), FLUSH.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void apply(HotlineEvent event) {
        add(event);
    }

    @Override
    public void openCallbacks(List<CallbackRequest> open) {
        add(new OpenCallbacks(List.copyOf(open)));
    }

    @Override
    public <T> T read(Function<LiveCounts, T> query) {
        flush();
        LiveCounts copy = map.executeOnKey(KEY, new Copy());
        if (copy == null) {
            // every member that held the day's counts died before its backup was made: start the day again
            map.putIfAbsent(KEY, empty.get());
            copy = empty.get();
        }
        return query.apply(copy);
    }

    /** Folds what is pending, then stops folding. */
    @Override
    public void close() {
        flusher.shutdownNow();
        flushQuietly();
    }

    private void add(Object item) {
        folding.lock();
        try {
            pending.add(item);
        } finally {
            folding.unlock();
        }
    }

    /** Sends this node's pending events as one fold; on failure they stay first in line for the next. */
    private void flush() {
        folding.lock();
        try {
            if (pending.isEmpty()) {
                return;
            }
            List<Object> batch = List.copyOf(pending);
            map.executeOnKey(KEY, new Fold(batch, zone.getId()));
            pending.clear();
        } finally {
            folding.unlock();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("live counts not folded yet (kept for the next try): {}", e.toString());
        }
    }

    /** The open callbacks a node found at start, in line with the events. */
    record OpenCallbacks(List<CallbackRequest> open) {
    }

    /** Folds a batch of one node's events (and open callbacks) into the entry, in order; the backup replays it. */
    public static final class Fold implements EntryProcessor<String, LiveCounts, Void>, DataSerializable {
        @Serial
        private static final long serialVersionUID = 1L;

        private List<Object> items;
        private String zone;

        /** For Hazelcast, which reads the fields in {@link #readData}. */
        public Fold() {
        }

        Fold(List<Object> items, String zone) {
            this.items = items;
            this.zone = zone;
        }

        @Override
        public Void process(Map.Entry<String, LiveCounts> entry) {
            LiveCounts counts = entry.getValue();
            if (counts == null) {
                return null; // lost with every member that held it: the next node to start seeds it again
            }
            ZoneId zoneId = ZoneId.of(zone);
            for (Object item : items) {
                if (item instanceof HotlineEvent event) {
                    counts.apply(event, zoneId);
                } else if (item instanceof OpenCallbacks open) {
                    counts.openCallbacks(open.open());
                }
            }
            entry.setValue(counts);
            return null;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeString(zone);
            RecordCodec.write(out, items);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readData(ObjectDataInput in) throws IOException {
            zone = in.readString();
            items = (List<Object>) RecordCodec.read(in);
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
