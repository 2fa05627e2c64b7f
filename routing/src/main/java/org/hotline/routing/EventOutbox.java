package org.hotline.routing;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.HotlineEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the ACD's events in the order its state changed, never under the ACD's lock. Events are added while
 * the lock is held; {@link #flush()} runs after it is released. One thread publishes at a time: a thread that finds
 * another one publishing leaves its events to it, so a subscriber that calls back into the ACD (on the publishing
 * thread or another) cannot deadlock and cannot reorder events.
 */
final class EventOutbox {
    private static final Logger LOG = LoggerFactory.getLogger(EventOutbox.class);

    private final EventBus bus;
    private final ConcurrentLinkedQueue<HotlineEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean publishing = new AtomicBoolean();

    EventOutbox(EventBus bus) {
        this.bus = bus;
    }

    void add(HotlineEvent event) {
        pending.add(event);
    }

    void flush() {
        while (!pending.isEmpty() && publishing.compareAndSet(false, true)) {
            try {
                HotlineEvent event;
                while ((event = pending.poll()) != null) {
                    publish(event);
                }
            } finally {
                publishing.set(false);
            }
        }
    }

    private void publish(HotlineEvent event) {
        try {
            bus.publish(event);
        } catch (RuntimeException e) {
            LOG.error("publishing {} failed", event.getClass().getSimpleName(), e);
        }
    }
}
