package org.hotline.platform.event;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Single-JVM {@link EventBus}: a failing subscriber is logged and does not stop delivery to the others. */
public final class LocalEventBus implements EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBus.class);

    private record Entry(Class<? extends HotlineEvent> type, Consumer<Object> listener) {
    }

    private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void publish(HotlineEvent event) {
        for (Entry e : entries) {
            if (e.type.isInstance(event)) {
                try {
                    e.listener.accept(event);
                } catch (RuntimeException ex) {
                    LOG.error("event subscriber failed on {}", event.getClass().getSimpleName(), ex);
                }
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends HotlineEvent> Subscription subscribe(Class<T> type, Consumer<? super T> listener) {
        Entry entry = new Entry(type, o -> listener.accept((T) o));
        entries.add(entry);
        return () -> entries.remove(entry);
    }
}
