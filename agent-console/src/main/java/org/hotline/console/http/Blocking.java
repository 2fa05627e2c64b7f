package org.hotline.console.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/** Runs port calls (database, locks) on Vert.x worker threads so that the event loop never blocks. */
public final class Blocking {
    private final Vertx vertx;

    public Blocking(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs {@code work} on a worker thread, unordered (independent requests run in parallel). */
    public <T> Future<T> run(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }
}
