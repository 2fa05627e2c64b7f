package org.hotline.platform.event;

import java.util.function.Consumer;

/**
 * The in-process stream of {@link HotlineEvent}s. Delivery is synchronous, in publication order, on the publisher's
 * thread: a subscriber must not block (hand slow work, such as database writes, to its own executor).
 */
public interface EventBus {
    void publish(HotlineEvent event);

    <T extends HotlineEvent> Subscription subscribe(Class<T> type, Consumer<? super T> listener);

    /** Cancels a subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
