package org.hotline.ticketing.notify;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.user.Role;

/**
 * Posts notifications inside the caller's transaction, so that a notification exists exactly when the change that
 * caused it was committed. A non-urgent one for a recipient outside their working hours is delivered at the start
 * of their next working period. Unknown recipients are skipped.
 */
public interface NotificationWriter {
    void toUsers(SqlSession tx, Collection<String> usernames, String kind, Map<String, String> params, Long ticketId,
                 boolean urgent, Instant now);

    /** Every user holding {@code role}. */
    void toRole(SqlSession tx, Role role, String kind, Map<String, String> params, Long ticketId, boolean urgent,
                Instant now);

    /** The managers of the given departments. */
    void toDepartmentManagers(SqlSession tx, Collection<Long> departmentIds, String kind, Map<String, String> params,
                              Long ticketId, boolean urgent, Instant now);
}
