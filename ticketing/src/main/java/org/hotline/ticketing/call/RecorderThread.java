package org.hotline.ticketing.call;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call recorder's one writer thread: runs the recorder's tasks in the order they were handed over, and decides
 * when the {@link CallRecordBatch} they fill is written: at once when it is full, else {@link #LINGER} after a task
 * left it non-empty (a scheduled flush; the statements of the tasks of those milliseconds join it), and at once when
 * someone waits for the writes ({@link #awaitIdle}, {@link #close}) or a task must see them ({@link #afterFlush}).
 * The flush itself is the recorder's ({@code flush}), since what a written batch means (calls whose id was taken) is
 * the recorder's business.
 */
final class RecorderThread {
    private static final Logger LOG = LoggerFactory.getLogger(RecorderThread.class);
    /** How long the first statement of a batch waits for others to share its transaction. */
    static final Duration LINGER = Duration.ofMillis(50);

    private final ScheduledThreadPoolExecutor executor;
    private final CallRecordBatch batch;
    private final Runnable flush;
    /** Whether a flush of the batch is scheduled (on the thread only). */
    private boolean flushScheduled;

    /**
     * @param batch what the tasks fill
     * @param flush writes the batch (runs on this thread)
     */
    RecorderThread(String name, CallRecordBatch batch, Runnable flush) {
        this.batch = batch;
        this.flush = flush;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code task} after every task handed over before it; the batch it fills is written by the rule above.
     *
     * @return false when the thread is closed (the task does not run)
     */
    boolean execute(Runnable task) {
        try {
            executor.execute(() -> {
                task.run();
                afterTask();
            });
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /** As {@link #execute}, with the batch written first: the task reads or writes the records directly. */
    boolean afterFlush(Runnable task) {
        return execute(() -> {
            flushNow();
            task.run();
        });
    }

    private void afterTask() {
        if (batch.full()) {
            flushNow();
        } else if (!batch.isEmpty() && !flushScheduled) {
            flushScheduled = true;
            try {
                executor.schedule(this::flushNow, LINGER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                flushNow();
            }
        }
    }

    private void flushNow() {
        flushScheduled = false;
        flush.run();
    }

    /**
     * Blocks until every task handed over so far has run and the batch is written (its transaction committed).
     *
     * @throws IllegalStateException when that takes longer than {@code max}
     */
    void awaitIdle(Duration max) {
        Future<?> marker;
        try {
            marker = executor.submit(this::flushNow);
        } catch (RejectedExecutionException closed) {
            return;
        }
        try {
            marker.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("call recorder still has " + executor.getQueue().size()
                    + " writes pending after " + max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the call recorder", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("call recorder failed", e.getCause());
        }
    }

    /** Runs what is pending, writes the batch (waiting up to {@code timeout} for the database), then stops. */
    void close(Duration timeout) {
        try {
            executor.execute(this::flushNow); // now, not when the batch's scheduled flush is due
        } catch (RejectedExecutionException alreadyClosed) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("call recorder closed with {} writes still pending; they are lost",
                        executor.getQueue().size());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
