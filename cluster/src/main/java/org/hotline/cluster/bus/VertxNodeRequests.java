package org.hotline.cluster.bus;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hotline.platform.cluster.NodeRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link NodeRequests} over the clustered Vert.x event bus: a request goes to the one consumer registered on its
 * address, whatever node it is on, and its reply comes back. The caller waits for the reply, so it must not be on an
 * event loop (the console's routes call the switch from their worker threads).
 */
public final class VertxNodeRequests implements NodeRequests {
    private static final Logger LOG = LoggerFactory.getLogger(VertxNodeRequests.class);

    private final Vertx vertx;

    public VertxNodeRequests(Vertx vertx) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        ValueCodec.register(vertx);
    }

    @Override
    public Optional<Object> ask(String address, Serializable request, Duration timeout) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("a request to another node must not wait on an event loop");
        }
        DeliveryOptions options = new DeliveryOptions().setCodecName(ValueCodec.NAME)
                .setSendTimeout(Math.max(1, timeout.toMillis()));
        try {
            Message<Object> reply = vertx.eventBus().request(address, request, options).toCompletionStage()
                    .toCompletableFuture().get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            return Optional.ofNullable(reply.body());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ReplyException r) {
                LOG.debug("{} unanswered: {} {}", address, r.failureType(), r.getMessage());
            } else {
                LOG.warn("{} unanswered: {}", address, e.getCause().toString());
            }
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public Serving serve(String address, Function<Object, Serializable> handler) {
        DeliveryOptions options = new DeliveryOptions().setCodecName(ValueCodec.NAME);
        MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, message ->
                vertx.executeBlocking(() -> handler.apply(message.body()), false).onComplete(done -> {
                    if (done.succeeded()) {
                        message.reply(done.result(), options);
                    } else {
                        LOG.error("serving {} failed", address, done.cause());
                        message.fail(500, done.cause().toString());
                    }
                }));
        registered(address, consumer);
        return consumer::unregister;
    }

    /**
     * Waits until the other nodes know of the consumer (a clustered registration is propagated in the background),
     * so that a node told right after this "serve" or "listen" finds it; not on an event loop, where it cannot wait.
     */
    private static void registered(String address, MessageConsumer<Object> consumer) {
        if (Context.isOnEventLoopThread()) {
            return;
        }
        try {
            consumer.completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{}: the other nodes may not know of this node's consumer yet: {}", address, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void tellAll(String address, Serializable message) {
        vertx.eventBus().publish(address, message, new DeliveryOptions().setCodecName(ValueCodec.NAME));
    }

    @Override
    public Serving listen(String address, Consumer<Object> listener) {
        MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, message ->
                vertx.executeBlocking(() -> {
                    listener.accept(message.body());
                    return null;
                }, false).onFailure(e -> LOG.error("a message to {} failed", address, e)));
        registered(address, consumer);
        return consumer::unregister;
    }
}
