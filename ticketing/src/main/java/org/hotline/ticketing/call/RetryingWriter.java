package org.hotline.ticketing.call;

import java.time.Duration;
import java.util.function.Consumer;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.SqlErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call-record statement until it succeeds. While the database is unreachable it retries with a bounded
 * exponential back-off, logging once when the outage starts and once when it ends; a data error (which no retry
 * would fix) is logged and the statement dropped. Used from the recorder's single writer thread only, which keeps
 * the pending writes in order.
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

    /**
     * @param what describes the write for the logs
     * @return true when written, false when dropped (data error, or interrupted while waiting to retry)
     */
    boolean write(String what, Consumer<CallRecordMapper> statement) {
        long backoffMs = firstBackoff.toMillis();
        while (true) {
            try {
                db.withSession(s -> {
                    statement.accept(s.getMapper(CallRecordMapper.class));
                    return null;
                });
                endOutage();
                return true;
            } catch (RuntimeException e) {
                if (!SqlErrors.isTransient(e)) {
                    LOG.error("call record write dropped ({}): {}", what, e.getMessage());
                    return false;
                }
                startOutage(e);
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.error("call record write lost at shutdown ({})", what);
                return false;
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
