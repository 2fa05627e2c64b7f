package org.hotline.cluster.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * The platform's values (events, switch requests and their answers: records of strings, times and enums) between the
 * nodes, in Java serialisation. Only Hotline's and the JDK's own classes are read back ({@link #FILTER}): the nodes
 * trust each other, but a stray class on the cluster's port is refused, not instantiated.
 */
final class JavaCodec implements MessageCodec<Serializable, Serializable> {
    static final String NAME = "hotline-java";
    static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "org.hotline.**;java.lang.*;java.time.*;java.util.*;java.math.*;maxdepth=20;maxbytes=4000000;!*");

    /** Registers the codec on {@code vertx} once; later calls do nothing. */
    static synchronized void register(Vertx vertx) {
        try {
            vertx.eventBus().registerCodec(new JavaCodec());
        } catch (IllegalStateException alreadyRegistered) {
            // registered by the node's other user of the event bus
        }
    }

    @Override
    public void encodeToWire(Buffer buffer, Serializable value) {
        byte[] bytes = write(value);
        buffer.appendInt(bytes.length).appendBytes(bytes);
    }

    @Override
    public Serializable decodeFromWire(int pos, Buffer buffer) {
        int length = buffer.getInt(pos);
        return read(buffer.getBytes(pos + 4, pos + 4 + length));
    }

    /** Delivered in this JVM: the values are immutable records, so the object itself. */
    @Override
    public Serializable transform(Serializable value) {
        return value;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }

    static byte[] write(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send " + value.getClass().getName() + " to another node", e);
        }
        return bytes.toByteArray();
    }

    static Serializable read(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(FILTER);
            return (Serializable) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a message from another node could not be read", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a message from another node names an unknown class", e);
        }
    }
}
