package org.hotline.ticketing.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hotline.platform.call.OpenCall;
import org.hotline.ticketing.db.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call-record statements the recorder's writer thread has made since its last flush, written together: one
 * transaction for all of them (up to {@value #MAX}), in the order they were made, instead of one auto-commit
 * statement each (at 200 calls/s, 1,400 statements/s become a few dozen transactions). What a written record means
 * does not change: the recorder flushes within {@link RecorderThread#LINGER} of a batch's first statement, a call counts
 * as pending ({@link CallRecorder#isPending}) until the transaction holding its arrival has committed, and
 * {@link CallRecorder#awaitIdle} returns only after the commit.
 * <p>
 * A call's first INSERT that meets an id another call already has is not an error of the transaction (InnoDB
 * rolls back only that statement): the call's later statements in the batch are skipped and the call is returned as
 * taken, for the recorder to log and forget, so that two calls are never merged. While the database is unreachable
 * the whole transaction is retried ({@link RetryingWriter}); a retried INSERT that finds its own row (same arrival
 * time and switch id: the commit went through, its acknowledgement was lost) counts as written. A data error, which
 * no retry mends, rolls the transaction back; its statements are then written one at a time, so that only the one the
 * database refuses is dropped.
 * <p>
 * Touched only on the recorder's writer thread; its counters may be read from any thread.
 */
final class CallRecordBatch {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecordBatch.class);
    /** The most statements one transaction carries. */
    static final int MAX = 256;

    /** One statement: an arrival (a call's first INSERT) when {@code arrivedAt} is set. */
    private record Pending(String what, String callId, Consumer<CallRecordMapper> statement, Instant arrivedAt,
                           String switchId) {
        boolean arrival() {
            return arrivedAt != null;
        }
    }

    /**
     * What a flush did.
     *
     * @param taken    the arrivals whose id already belonged to another call's record, with that record's arrival
     * @param arrivals the ids of every arrival of the batch (now written, taken or dropped)
     */
    record Flushed(Map<String, OpenCall> taken, List<String> arrivals) {
        static final Flushed NOTHING = new Flushed(Map.of(), List.of());
    }

    private final RetryingWriter writer;
    private final List<Pending> pending = new ArrayList<>();
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();

    CallRecordBatch(RetryingWriter writer) {
        this.writer = writer;
    }

    void add(String what, String callId, Consumer<CallRecordMapper> statement) {
        pending.add(new Pending(what, callId, statement, null, null));
    }

    /** A call's first INSERT: {@code at} and {@code switchId} tell our own retried row from another call's. */
    void addArrival(String what, String callId, Instant at, String switchId, Consumer<CallRecordMapper> insert) {
        pending.add(new Pending(what, callId, insert, Objects.requireNonNull(at, "at"), switchId));
    }

    boolean full() {
        return pending.size() >= MAX;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Statements written (or dropped) so far. */
    long statements() {
        return statements.get();
    }

    /** Transactions (or auto-commit statements) they took. */
    long transactions() {
        return transactions.get();
    }

    /** Writes every pending statement; see the class comment. */
    Flushed flush() {
        if (pending.isEmpty()) {
            return Flushed.NOTHING;
        }
        List<Pending> todo = List.copyOf(pending);
        pending.clear();
        Map<String, OpenCall> taken = new LinkedHashMap<>();
        if (todo.size() == 1) {
            one(todo.getFirst(), 0, taken);
        } else {
            RetryingWriter.Result r = writer.transaction(todo.size() + " call-record statements", (m, attempt) -> {
                taken.clear();
                for (Pending p : todo) {
                    apply(p, m, attempt, taken);
                }
            });
            transactions.incrementAndGet();
            if (r.outcome() == RetryingWriter.Outcome.DATA_ERROR) {
                LOG.debug("a call-record transaction of {} statements was refused; writing them one at a time",
                        todo.size());
                taken.clear();
                for (Pending p : todo) {
                    one(p, r.attempts() - 1, taken);
                }
            }
        }
        statements.addAndGet(todo.size());
        List<String> arrivals = todo.stream().filter(Pending::arrival).map(Pending::callId).toList();
        return new Flushed(Map.copyOf(taken), arrivals);
    }

    /** One statement on its own; {@code earlierAttempts} of it may have reached the database in a transaction. */
    private void one(Pending p, int earlierAttempts, Map<String, OpenCall> taken) {
        if (taken.containsKey(p.callId())) {
            return;
        }
        writer.write(p.what(), (m, attempt) -> apply(p, m, earlierAttempts + attempt, taken));
        transactions.incrementAndGet();
    }

    private static void apply(Pending p, CallRecordMapper m, int attempt, Map<String, OpenCall> taken) {
        if (taken.containsKey(p.callId())) {
            return;
        }
        if (!p.arrival()) {
            p.statement().accept(m);
            return;
        }
        try {
            p.statement().accept(m);
        } catch (RuntimeException ex) {
            if (!SqlErrors.isDuplicateKey(ex)) {
                throw ex;
            }
            OpenCall stored = m.arrival(p.callId());
            boolean ours = attempt > 1 && stored != null && p.arrivedAt().equals(stored.arrivedAt())
                    && Objects.equals(p.switchId(), stored.switchCallId());
            if (!ours) {
                taken.put(p.callId(), stored == null ? new OpenCall(p.callId(), null, null) : stored);
            }
        }
    }
}
