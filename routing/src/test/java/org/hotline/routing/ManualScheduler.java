package org.hotline.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduler driven by the test: {@link #advance} moves the clock and runs, in order, every timer that falls due. */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private static final int MAX_TASKS_PER_ADVANCE = 10_000;

    private final MutableClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long nextOrder;

    public ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    /** Moves time forward by {@code d}, running every timer due on the way at its due time. */
    public void advance(Duration d) {
        Instant target = clock.instant().plus(d);
        for (int i = 0; i < MAX_TASKS_PER_ADVANCE; i++) {
            Task next = nextDue(target);
            if (next == null) {
                clock.set(target);
                return;
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            next.run();
        }
        throw new AssertionError("more than " + MAX_TASKS_PER_ADVANCE + " timers in one advance");
    }

    /** Timers armed and neither run nor cancelled. */
    public synchronized int pending() {
        return (int) tasks.stream().filter(t -> !t.isDone()).count();
    }

    private synchronized Task nextDue(Instant target) {
        tasks.removeIf(Task::isDone);
        return tasks.stream()
                .filter(t -> !t.due.isAfter(target))
                .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order))
                .orElse(null);
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task task = new Task(clock.instant().plusNanos(unit.toNanos(delay)), nextOrder++, command);
        tasks.add(task);
        return task;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the ACD schedules Runnables only");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("the ACD schedules one-shot timers only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the ACD schedules one-shot timers only");
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public void shutdown() {
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    private final class Task implements ScheduledFuture<Object> {
        private final Instant due;
        private final long order;
        private final Runnable action;
        private volatile boolean cancelled;
        private volatile boolean ran;

        Task(Instant due, long order, Runnable action) {
            this.due = due;
            this.order = order;
            this.action = action;
        }

        void run() {
            ran = true;
            action.run();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (ran) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return ran || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
