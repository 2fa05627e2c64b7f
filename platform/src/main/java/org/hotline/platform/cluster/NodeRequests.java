package org.hotline.platform.cluster;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Requests from one node of a cluster to the node that serves an address now — for a resource only one node holds
 * at a time, such as a switch's link. The cluster's event bus carries them; a standalone node has no other node and
 * needs none.
 */
public interface NodeRequests {
    /**
     * Sends {@code request} to the node serving {@code address} and waits for its answer.
     *
     * @return the answer, or empty when no node serves the address or none answered within {@code timeout}
     */
    Optional<Object> ask(String address, Serializable request, Duration timeout);

    /**
     * Serves {@code address} from this node until the returned handle is closed. The handler may block (it runs off
     * the event loop); its answer goes back to the asking node.
     */
    Serving serve(String address, Function<Object, Serializable> handler);

    /**
     * Tells {@code message} to every node listening on {@code address} ({@link #listen}), this one included, without
     * waiting: for a signal only some node can act on (the one where a call's session runs), and the others ignore.
     */
    void tellAll(String address, Serializable message);

    /** Hears what any node tells {@code address} until the handle is closed; the listener runs off the event loop. */
    Serving listen(String address, Consumer<Object> listener);

    /** An address served by this node. */
    interface Serving extends AutoCloseable {
        @Override
        void close();
    }
}
