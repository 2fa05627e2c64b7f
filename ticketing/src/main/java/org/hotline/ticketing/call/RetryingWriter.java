package org.hotline.ticketing.call;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ObjIntConsumer;
import org.apache.ibatis.session.SqlSession;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call-record statement, or one transaction of several, until it succeeds. While the database is unreachable
 * it retries with a bounded exponential back-off, logging once when the outage starts and once when it ends; a data
 * error (which no retry would fix) drops the statement (logged) or fails the transaction (for the recorder to write
 * its statements one at a time). Used from the recorder's single writer thread only, which keeps the pending writes
 * in order.
 */
final class RetryingWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RetryingWriter.class);

    private final Database db;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private boolean inOutage;
    private long failedAttempts;

    RetryingWriter(Database db, Duration firstBackoff, Duration maxBackoff) {
        this.db = db;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** How a write ended. */
    enum Outcome { WRITTEN, DATA_ERROR, LOST }

    /** How a write ended, after how many attempts (1 = the first went through or failed for good). */
    record Result(Outcome outcome, int attempts) {
    }

    /**
     * One statement on an auto-commit session.
     *
     * @param what describes the write for the logs
     * @return true when written, false when dropped (data error, or interrupted while waiting to retry)
     */
    boolean write(String what, Consumer<CallRecordMapper> statement) {
        return run(what, false, (m, attempt) -> statement.accept(m)).outcome() == Outcome.WRITTEN;
    }

    /**
     * One attempt per try of {@code work} on an auto-commit session (as {@link #write}, told which attempt it is).
     */
    Result write(String what, ObjIntConsumer<CallRecordMapper> work) {
        return run(what, false, work);
    }

    /**
     * {@code work} in one transaction, retried whole while the database is unreachable; a data error rolls it back
     * and ends it with {@link Outcome#DATA_ERROR}, logged by the caller.
     */
    Result transaction(String what, ObjIntConsumer<CallRecordMapper> work) {
        return run(what, true, work);
    }

    private Result run(String what, boolean transaction, ObjIntConsumer<CallRecordMapper> work) {
        long backoffMs = firstBackoff.toMillis();
        for (int attempt = 1; ; attempt++) {
            int thisAttempt = attempt;
            try {
                Function<SqlSession, Void> once = s -> {
                    work.accept(s.getMapper(CallRecordMapper.class), thisAttempt);
                    return null;
                };
                if (transaction) {
                    db.inTransaction(once);
                } else {
                    db.withSession(once);
                }
                endOutage();
                return new Result(Outcome.WRITTEN, attempt);
            } catch (RuntimeException e) {
                if (!SqlErrors.isTransient(e)) {
                    if (!transaction) {
                        LOG.error("call record write dropped ({}): {}", what, e.getMessage());
                    }
                    return new Result(Outcome.DATA_ERROR, attempt);
                }
                startOutage(e);
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.error("call record write lost at shutdown ({})", what);
                return new Result(Outcome.LOST, attempt);
            }
            backoffMs = Math.min(backoffMs * 2, maxBackoff.toMillis());
        }
    }

    private void startOutage(RuntimeException e) {
        failedAttempts++;
        if (!inOutage) {
            inOutage = true;
            LOG.warn("call records: database unavailable ({}); keeping writes in memory and retrying",
                    rootMessage(e));
        }
    }

    private void endOutage() {
        if (inOutage) {
            LOG.info("call records: database reachable again after {} failed attempts; writing the backlog",
                    failedAttempts);
            inOutage = false;
            failedAttempts = 0;
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable cur = t;
        for (int depth = 0; cur.getCause() != null && depth < 20; depth++) {
            cur = cur.getCause();
        }
        return cur.getMessage();
    }
}
