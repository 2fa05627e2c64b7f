package org.hotline.ticketing.audit;

import java.util.List;
import org.hotline.platform.Times;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditLog;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.support.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AuditLog} on the append-only {@code audit_log} table. Texts are clipped to their columns; an entry that
 * cannot be written (database down) goes to the log file instead, at WARN, so it is not lost without a trace and the
 * action that caused it is not failed by it.
 */
public final class DbAuditLog implements AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(DbAuditLog.class);
    private static final Logger AUDIT = LoggerFactory.getLogger("hotline.audit");

    private final Database db;

    public DbAuditLog(Database db) {
        this.db = db;
        db.registerMapper(AuditMapper.class);
    }

    @Override
    public void record(AuditEntry entry) {
        AuditEntry clipped = new AuditEntry(Times.millis(entry.at()), Checks.clip(entry.actor(), 64),
                Checks.clip(entry.address(), 64), Checks.clip(entry.action(), 64), Checks.clip(entry.target(), 128),
                entry.outcome(), Checks.clip(entry.detail(), 500));
        AUDIT.info("{} {} actor={} address={} target={} detail={}", clipped.action(), clipped.outcome(),
                clipped.actor(), clipped.address(), clipped.target(), clipped.detail());
        try {
            db.withSession(s -> {
                s.getMapper(AuditMapper.class).insert(clipped);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("audit entry not stored ({}): {} {} actor={} address={} target={}", e.getMessage(),
                    clipped.action(), clipped.outcome(), clipped.actor(), clipped.address(), clipped.target());
        }
    }

    @Override
    public List<AuditEntry> recent(String action, String actor, int limit) {
        int n = Checks.limit(limit);
        return db.withSession(s -> s.getMapper(AuditMapper.class).recent(action, actor, n));
    }
}
