package org.hotline.platform.audit;

import java.util.List;

/**
 * The append-only audit log of security-relevant actions (logins, lockouts, outbound calls, admin actions). Entries
 * are never changed or deleted by the platform.
 */
public interface AuditLog {
    /**
     * Appends one entry. Never throws: an entry that cannot be stored is logged with its fields, so a database outage
     * does not turn into a failed login or a failed call.
     */
    void record(AuditEntry entry);

    /**
     * The newest entries first.
     *
     * @param action only entries of this action, or every action when {@code null}
     * @param actor  only entries of this actor, or every actor when {@code null}
     * @param limit  at most this many (1–1000)
     */
    List<AuditEntry> recent(String action, String actor, int limit);
}
