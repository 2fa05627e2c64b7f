package org.hotline.cti.sim;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual threads that run the simulated calls' handlers (one per call, as FastAGI's sessions on Asterisk), kept
 * so that closing the switch can wait for the handlers of the calls it has just hung up to return.
 */
final class CallThreads {
    private static final Logger LOG = LoggerFactory.getLogger(CallThreads.class);

    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    /** Runs {@code body} on a new virtual thread named {@code name}, followed until it returns. */
    void start(String name, Runnable body) {
        Thread thread = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                body.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(thread);
        thread.start();
    }

    /** Waits at most {@code max} in all for the threads still running; warns about those that outlive it. */
    void awaitAll(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        for (Thread t : List.copyOf(running)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!running.isEmpty()) {
            LOG.warn("{} call handler(s) still running after the switch closed", running.size());
        }
    }
}
