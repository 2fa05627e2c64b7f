package org.hotline.app.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of one node in the order they started, and the order they stop in: first the <em>intake</em>, what
 * brings calls in (the telephony profile: its traffic, then its switch, which hangs up the calls still live so that
 * their records end), while routing, statistics and the recorder still listen; then every other part in the reverse
 * order of its start, so that the call recorder drains into a database that is still up and the database stops last.
 * A part that fails to stop is logged and the others still stop; a slow stop is logged with its time.
 */
public final class NodeParts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeParts.class);
    private static final long SLOW_STOP_MS = 500;

    private final Deque<Lifecycle> intake = new ArrayDeque<>();
    private final Deque<Lifecycle> parts = new ArrayDeque<>();

    /** Starts {@code part}; once started it is stopped after the intake, in the reverse order of the starts. */
    public <T extends Lifecycle> T start(T part) {
        begin(part);
        parts.push(part);
        return part;
    }

    /**
     * Takes {@code part} as intake, stopped before every other part; it is started later (by {@link #begin}, once
     * the node is wired) but stopped even if the node's start fails before that.
     */
    public <T extends Lifecycle> T intake(T part) {
        intake.push(part);
        return part;
    }

    /** Starts a part already taken ({@link #intake}). */
    public void begin(Lifecycle part) {
        try {
            part.start();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the " + part.name() + ": " + e.getMessage(), e);
        }
    }

    /** Whether nothing is left to stop. */
    public boolean isEmpty() {
        return intake.isEmpty() && parts.isEmpty();
    }

    /** Stops the intake, then every other part (see the class comment). Idempotent. */
    @Override
    public void close() {
        closeAll(intake);
        closeAll(parts);
    }

    private static void closeAll(Deque<Lifecycle> stack) {
        while (!stack.isEmpty()) {
            Lifecycle step = stack.pop();
            long t0 = System.nanoTime();
            try {
                step.close();
            } catch (Exception e) {
                LOG.warn("error while stopping the {}: {}", step.name(), e.toString());
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms >= SLOW_STOP_MS) {
                LOG.info("stopping the {} took {} ms", step.name(), ms);
            }
        }
    }
}
