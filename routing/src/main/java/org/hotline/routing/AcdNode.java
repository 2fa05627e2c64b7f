package org.hotline.routing;

import com.hazelcast.core.HazelcastInstance;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.routing.AcdShard.Deadline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the ACD's entry needs of the member it is on: its bus, to publish the events of a command, and its
 * scheduler, to arm timers. Found by the processor in the Hazelcast instance's user context.
 */
final class AcdNode {
    /** Where the node is found in the Hazelcast instance's user context. */
    static final String KEY = "hotline.acd.node";
    private static final Logger LOG = LoggerFactory.getLogger(AcdNode.class);

    private final ClusteredAcd acd;
    private final EventBus bus;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    /** One thread: the events leave in the order the partition thread produced them, and it never waits. */
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("acd-events").daemon().factory());
    private final Map<String, Future<?>> armed = new ConcurrentHashMap<>();
    private final AtomicLong rearmed = new AtomicLong();

    AcdNode(ClusteredAcd acd, EventBus bus, ScheduledExecutorService scheduler, Clock clock) {
        this.acd = acd;
        this.bus = bus;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** This member's node part, or null when it runs no ClusteredAcd (any more: it is stopping). */
    static AcdNode find(HazelcastInstance hz) {
        Object node = hz == null ? null : hz.getUserContext().get(KEY);
        return (AcdNode) node;
    }

    void publish(List<HotlineEvent> events) {
        publisher.execute(() -> {
            for (HotlineEvent e : events) {
                try {
                    bus.publish(e);
                } catch (RuntimeException failure) {
                    LOG.error("publishing {} failed", e, failure);
                }
            }
        });
    }

    /** Arms {@code d} here; the handle also forgets it. */
    Future<?> arm(Deadline d) {
        long delay = Math.max(0, d.at().toEpochMilli() - clock.millis());
        Future<?> timer = scheduler.schedule(() -> {
            armed.remove(d.key());
            Thread.ofVirtual().name("acd-timer").start(() -> acd.fire(d));
        }, delay, TimeUnit.MILLISECONDS);
        Future<?> previous = armed.put(d.key(), timer);
        if (previous != null) {
            previous.cancel(false);
        }
        return new Forgetting(d.key(), timer, armed);
    }

    /** Arms the deadlines not armed on this member yet (it just took the entry over, or a member left). */
    void rearm(List<Deadline> deadlines) {
        int count = 0;
        for (Deadline d : deadlines) {
            if (!armed.containsKey(d.key())) {
                arm(d);
                count++;
            }
        }
        rearmed.addAndGet(count);
        if (count > 0) {
            LOG.info("armed {} ACD timers taken over from another member", count);
        }
    }

    long rearmed() {
        return rearmed.get();
    }

    void close() {
        armed.values().forEach(f -> f.cancel(false));
        armed.clear();
        publisher.shutdown();
    }

    private record Forgetting(String key, Future<?> timer, Map<String, Future<?>> armed)
            implements Future<Object> {
        @Override
        public boolean cancel(boolean mayInterrupt) {
            armed.remove(key, timer);
            return timer.cancel(mayInterrupt);
        }

        @Override
        public boolean isCancelled() {
            return timer.isCancelled();
        }

        @Override
        public boolean isDone() {
            return timer.isDone();
        }

        @Override
        public Object get() {
            return null; // an ACD timer has no result
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
