package org.hotline.ticketing.notify;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.Times;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.clock.WorkingHours;
import org.hotline.ticketing.db.Database;

/**
 * {@link NotificationWriter} on the {@code notifications} table. Rows go into the caller's transaction, so that a
 * notification exists exactly when the change that caused it is committed; the {@link NotificationDelivery} poller
 * pushes it when it falls due. Each recipient's delivery time is asked of {@link WorkingHours} (a handler is told
 * of a warning at 22:00 when their next working day starts, not at night) unless the notification is urgent.
 * Unknown and repeated recipients are skipped, so callers may pass whoever the rule names without checking.
 */
public final class DbNotificationWriter implements NotificationWriter {
    static final int KIND_MAX = 64;

    private final WorkingHours hours;

    public DbNotificationWriter(Database db, WorkingHours hours) {
        this.hours = Objects.requireNonNull(hours, "hours");
        db.registerMapper(NotificationMapper.class);
    }

    @Override
    public void toUsers(SqlSession tx, Collection<String> usernames, String kind, Map<String, String> params,
                        Long ticketId, boolean urgent, Instant now) {
        Set<String> named = new LinkedHashSet<>();
        if (usernames != null) {
            usernames.stream().filter(u -> u != null && !u.isBlank()).forEach(named::add);
        }
        if (named.isEmpty()) {
            return;
        }
        List<String> known = tx.getMapper(NotificationMapper.class).existingUsers(named);
        write(tx, named.stream().filter(known::contains).toList(), kind, params, ticketId, urgent, now);
    }

    @Override
    public void toRole(SqlSession tx, Role role, String kind, Map<String, String> params, Long ticketId,
                       boolean urgent, Instant now) {
        Objects.requireNonNull(role, "role");
        write(tx, tx.getMapper(NotificationMapper.class).usersWithRole(role), kind, params, ticketId, urgent, now);
    }

    @Override
    public void toDepartmentManagers(SqlSession tx, Collection<Long> departmentIds, String kind,
                                     Map<String, String> params, Long ticketId, boolean urgent, Instant now) {
        if (departmentIds == null || departmentIds.isEmpty()) {
            return;
        }
        Set<Long> departments = new LinkedHashSet<>(departmentIds);
        departments.remove(null);
        if (departments.isEmpty()) {
            return;
        }
        write(tx, tx.getMapper(NotificationMapper.class).departmentManagers(departments), kind, params, ticketId,
                urgent, now);
    }

    private void write(SqlSession tx, List<String> recipients, String kind, Map<String, String> params,
                       Long ticketId, boolean urgent, Instant now) {
        if (kind == null || kind.isBlank() || kind.length() > KIND_MAX) {
            throw new IllegalArgumentException("a notification kind is 1–" + KIND_MAX + " characters, was '" + kind
                    + "'");
        }
        Objects.requireNonNull(now, "now");
        if (recipients.isEmpty()) {
            return;
        }
        NotificationMapper m = tx.getMapper(NotificationMapper.class);
        String json = NotificationParams.write(params);
        String number = ticketId == null ? null : m.ticketNumber(ticketId);
        if (ticketId != null && number == null) {
            throw new IllegalArgumentException("ticket " + ticketId + " does not exist");
        }
        Instant created = Times.millis(now);
        for (String user : new LinkedHashSet<>(recipients)) {
            Instant deliverAt = urgent ? created : Times.millis(hours.nextWorkingMoment(tx, user, created));
            m.insert(user, kind, json, ticketId, number, urgent, created,
                    deliverAt.isBefore(created) ? created : deliverAt);
        }
    }
}
