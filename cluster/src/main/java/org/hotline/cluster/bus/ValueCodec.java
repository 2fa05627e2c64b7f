package org.hotline.cluster.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.Serializable;
import org.hotline.platform.cluster.RecordCodec;

/**
 * The platform's values (events, switch requests and their answers: records of strings, times and enums) between the
 * nodes, in {@link RecordCodec}'s compact form. Only Hotline's own records and enums are built from what arrives; a
 * stray class on the cluster's port is refused, not instantiated.
 */
final class ValueCodec implements MessageCodec<Serializable, Serializable> {
    static final String NAME = "hotline-values";

    /** Registers the codec on {@code vertx} once; later calls do nothing. */
    static synchronized void register(Vertx vertx) {
        try {
            vertx.eventBus().registerCodec(new ValueCodec());
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
        return RecordCodec.toBytes(value);
    }

    static Serializable read(byte[] bytes) {
        return (Serializable) RecordCodec.fromBytes(bytes, 0, bytes.length);
    }
}
