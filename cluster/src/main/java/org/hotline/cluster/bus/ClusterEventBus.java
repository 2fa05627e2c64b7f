package org.hotline.cluster.bus;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.event.LocalEventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's event stream across the nodes of a cluster, over the clustered Vert.x event bus. An event published
 * on this node is delivered here at once, on the publisher's thread, as on a standalone node; then every other node
 * delivers it, on its event loop. Each node sends over one connection to each other node, so the events one node
 * published arrive everywhere in the order it published them; events of different nodes have no order between
 * them (the consumers tolerate that, and a repeated event, see the README).
 *
 * <p>{@link #ownEvents()} is the stream of this node's own events: a consumer that must act once per event in the
 * cluster (the ACD following the switch's hang-ups, the live counts) follows that one, on every node.
 *
 * <p>Delivery between nodes is best-effort, in memory (a node that is down misses what was published meanwhile):
 * what must not be lost goes to the database first, as it does on one node.
 *
 * <p>The events leave in batches: each published event joins an outbox, and one task on this node's Vert.x context
 * sends whatever the outbox holds as one message ({@link Batch}). A call's events come in bursts (the ACD's step
 * publishes an offer and the agent's move together, a hang-up ends the call and starts the wrap-up), so the nodes
 * exchange a fraction of the messages, each costing a frame, a write and a wake-up on both sides; the batch waits
 * only for the hop onto the context, and keeps the publisher's order.
 */
public final class ClusterEventBus implements EventBus, AutoCloseable {
    static final String ADDRESS = "hotline.events";
    private static final String ORIGIN = "origin";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEventBus.class);

    private final Vertx vertx;
    private final String nodeId;
    private final LocalEventBus all = new LocalEventBus();
    private final LocalEventBus own = new LocalEventBus();
    private final DeliveryOptions options;
    private final MessageConsumer<Serializable> consumer;
    private final Context context;
    private final ConcurrentLinkedQueue<HotlineEvent> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    /** @param nodeId this node's id, unique in the cluster (its own events coming back are not delivered twice) */
    public ClusterEventBus(Vertx vertx, String nodeId) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        ValueCodec.register(vertx);
        this.options = new DeliveryOptions().setCodecName(ValueCodec.NAME).addHeader(ORIGIN, nodeId);
        this.context = vertx.getOrCreateContext();
        this.consumer = vertx.eventBus().consumer(ADDRESS, message -> {
            if (!nodeId.equals(message.headers().get(ORIGIN)) && message.body() instanceof Batch batch) {
                batch.events().forEach(all::publish);
            }
        });
    }

    /** Events of one node, in the order it published them. */
    record Batch(List<HotlineEvent> events) implements Serializable {
    }

    @Override
    public void publish(HotlineEvent event) {
        own.publish(event);
        all.publish(event);
        outbox.add(event);
        if (sending.compareAndSet(false, true)) {
            context.runOnContext(v -> send());
        }
    }

    /** Sends what the outbox holds, on the context (one task at a time, so batches leave in order). */
    private void send() {
        sending.set(false);
        List<HotlineEvent> batch = new ArrayList<>();
        for (HotlineEvent e = outbox.poll(); e != null; e = outbox.poll()) {
            batch.add(e);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            vertx.eventBus().publish(ADDRESS, new Batch(List.copyOf(batch)), options);
        } catch (RuntimeException e) {
            LOG.warn("{} events not sent to the other nodes: {}", batch.size(), e.toString());
        }
    }

    /** Every event of the cluster: this node's at once, the others' as they arrive. */
    @Override
    public <T extends HotlineEvent> Subscription subscribe(Class<T> type, Consumer<? super T> listener) {
        return all.subscribe(type, listener);
    }

    /** The events published on this node only. */
    public EventBus ownEvents() {
        return new EventBus() {
            @Override
            public void publish(HotlineEvent event) {
                ClusterEventBus.this.publish(event);
            }

            @Override
            public <T extends HotlineEvent> Subscription subscribe(Class<T> type, Consumer<? super T> listener) {
                return own.subscribe(type, listener);
            }
        };
    }

    @Override
    public void close() {
        send(); // what is still in the outbox leaves before this node stops hearing
        consumer.unregister();
    }
}
