package org.hotline.interactions.switchlink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hotline.platform.cluster.NodeRequests;

/**
 * The nodes' request channel in one process, for tests: whoever serves an address answers, and every request and
 * answer crosses a Java serialisation round trip, as on the wire between two nodes.
 */
final class InProcessRequests implements NodeRequests {
    private final Map<String, Function<Object, Serializable>> served = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<Object>>> listeners = new ConcurrentHashMap<>();

    @Override
    public Optional<Object> ask(String address, Serializable request, Duration timeout) {
        Function<Object, Serializable> handler = served.get(address);
        if (handler == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(copy(handler.apply(copy(request))));
    }

    @Override
    public Serving serve(String address, Function<Object, Serializable> handler) {
        if (served.putIfAbsent(address, handler) != null) {
            throw new IllegalStateException(address + " is served already");
        }
        return () -> served.remove(address, handler);
    }

    @Override
    public void tellAll(String address, Serializable message) {
        listeners.getOrDefault(address, List.of()).forEach(l -> l.accept(copy(message)));
    }

    @Override
    public Serving listen(String address, Consumer<Object> listener) {
        listeners.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.getOrDefault(address, List.of()).remove(listener);
    }

    private static Serializable copy(Serializable value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (Serializable) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
