package org.hotline.app.lifecycle;

import java.util.Objects;

/**
 * One part of a node that starts and stops: the database, the recorder, the ACD, the console server, the telephony
 * profile... The node starts its parts one after the other through this interface and stops them in the order
 * {@link NodeParts} keeps, so that the order lives in one place instead of in every part's wiring. {@link #close}
 * must be safe on a part that was never started (a node whose start failed half-way closes what it built).
 */
public interface Lifecycle extends AutoCloseable {
    /** What the part is called in the log ("call recorder", "Asterisk adapter"). */
    String name();

    /** Starts the part; a part that runs from its construction does nothing here. */
    void start() throws Exception;

    /** Stops the part; idempotent. */
    @Override
    void close() throws Exception;

    /** A part already running from its construction, stopped by {@code stop}. */
    static Lifecycle running(String name, AutoCloseable stop) {
        return of(name, () -> { }, stop);
    }

    /** A part started by {@code start} and stopped by {@code stop}. */
    static Lifecycle of(String name, Start start, AutoCloseable stop) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
        return new Lifecycle() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() throws Exception {
                start.run();
            }

            @Override
            public void close() throws Exception {
                stop.close();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** How a part starts. */
    @FunctionalInterface
    interface Start {
        void run() throws Exception;
    }
}
