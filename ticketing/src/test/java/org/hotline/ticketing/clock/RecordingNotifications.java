package org.hotline.ticketing.clock;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.notify.NotificationWriter;

/** A {@link NotificationWriter} that remembers what it was asked to post (thread-safe: two nodes share one). */
final class RecordingNotifications implements NotificationWriter {
    /** {@code to} is "user:a,b", "role:X" or "managers:1,2". */
    record Posted(String to, String kind, Map<String, String> params, Long ticketId, boolean urgent, Instant at) {
    }

    final List<Posted> posted = new CopyOnWriteArrayList<>();

    @Override
    public void toUsers(SqlSession tx, Collection<String> usernames, String kind, Map<String, String> params,
                        Long ticketId, boolean urgent, Instant now) {
        posted.add(new Posted("user:" + String.join(",", usernames), kind, params, ticketId, urgent, now));
    }

    @Override
    public void toRole(SqlSession tx, Role role, String kind, Map<String, String> params, Long ticketId,
                       boolean urgent, Instant now) {
        posted.add(new Posted("role:" + role, kind, params, ticketId, urgent, now));
    }

    @Override
    public void toDepartmentManagers(SqlSession tx, Collection<Long> departmentIds, String kind,
                                     Map<String, String> params, Long ticketId, boolean urgent, Instant now) {
        posted.add(new Posted("managers:" + departmentIds.stream().map(String::valueOf)
                .reduce((a, b) -> a + "," + b).orElse(""), kind, params, ticketId, urgent, now));
    }

    List<Posted> ofKind(String kind) {
        return posted.stream().filter(p -> p.kind().equals(kind)).toList();
    }
}
