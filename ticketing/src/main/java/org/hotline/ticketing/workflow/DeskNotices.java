package org.hotline.ticketing.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.notify.NotificationWriter;

/**
 * Who hears of a workflow step, inside its transaction: the new assignee of an assignment; the coordinators of a
 * hand-off (15-minute rule, urgent); the centre head of an escalation (and the departments' managers) and, at once,
 * of every MAJOR complaint (一报告) when it is created or classified MAJOR; the complaint managers of a reopened
 * complaint. Kinds: {@code ticket.assigned}, {@code ticket.handed-off}, {@code ticket.escalated},
 * {@code complaint.major}, {@code ticket.reopened}; params {@code number}, {@code actor}, and {@code level} for an
 * escalation.
 */
final class DeskNotices {
    private final NotificationWriter writer;

    DeskNotices(NotificationWriter writer) {
        this.writer = writer;
    }

    void created(SqlSession tx, Ticket t, String actor, Instant now) {
        if (isMajorComplaint(t)) {
            writer.toRole(tx, Role.CENTRE_HEAD, "complaint.major", params(t, actor), t.id(), true, now);
        }
    }

    void stepped(SqlSession tx, Ticket before, Ticket after, String action, List<Long> departments, String actor,
                 Instant now) {
        boolean urgent = isMajorComplaint(after);
        Map<String, String> params = params(after, actor);
        if (after.assignee() != null && !after.assignee().equals(before.assignee())) {
            writer.toUsers(tx, List.of(after.assignee()), "ticket.assigned", params, after.id(), urgent, now);
        }
        switch (action) {
            case Actions.HAND_OFF -> writer.toRole(tx, Role.COORDINATOR, "ticket.handed-off", params, after.id(),
                    true, now);
            case Actions.ESCALATE -> {
                Map<String, String> withLevel = new java.util.HashMap<>(params);
                withLevel.put("level", Integer.toString(after.escalationLevel()));
                writer.toRole(tx, Role.CENTRE_HEAD, "ticket.escalated", withLevel, after.id(), urgent, now);
                writer.toDepartmentManagers(tx, departments, "ticket.escalated", withLevel, after.id(), urgent, now);
            }
            case Actions.REOPEN -> writer.toRole(tx, Role.COMPLAINT_MANAGER, "ticket.reopened", params, after.id(),
                    urgent, now);
            default -> {
            }
        }
        if (isMajorComplaint(after) && !isMajorComplaint(before)) {
            writer.toRole(tx, Role.CENTRE_HEAD, "complaint.major", params, after.id(), true, now);
        }
    }

    private static boolean isMajorComplaint(Ticket t) {
        return t.type() == TicketType.COMPLAINT && t.severity() == Severity.MAJOR;
    }

    private static Map<String, String> params(Ticket t, String actor) {
        return Map.of("number", t.number(), "actor", actor);
    }
}
