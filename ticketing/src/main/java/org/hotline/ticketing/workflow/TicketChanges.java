package org.hotline.ticketing.workflow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.CustomerInformedVia;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketStatus;

/**
 * What a workflow row and its checked fields make of a ticket: the ticket afterwards (new status, assignee,
 * escalation level, resolution …) and the fields that changed, name → new value as text, for the history line.
 * Pure; the desk writes the result.
 */
final class TicketChanges {
    /** The ticket after the step and what changed. */
    record Applied(Ticket after, Map<String, String> changed) {
    }

    private TicketChanges() {
    }

    static Applied apply(Ticket t, Transition row, Change c, Instant now) {
        Map<String, String> changed = new LinkedHashMap<>();
        TicketStatus status = row.next(t.status());
        String assignee = pick(changed, "assignee", t.assignee(), c.assignee());
        int level = t.escalationLevel();
        if (row.action().equals(Actions.ESCALATE)) {
            level++;
            changed.put("escalationLevel", Integer.toString(level));
        }
        String resolution = pick(changed, "resolution", t.resolution(), c.resolution());
        CustomerInformedVia via = pick(changed, "customerInformedVia", t.customerInformedVia(), c.informedVia());
        Instant informedAt = pick(changed, "customerInformedAt", t.customerInformedAt(), c.informedAt());
        String guidance = pick(changed, "guidance", t.guidance(), c.guidance());
        ComplaintClass complaintClass = pick(changed, "complaintClass", t.complaintClass(), c.complaintClass());
        Severity severity = pick(changed, "severity", t.severity(), c.severity());
        String callId = pick(changed, "callId", t.callId(), c.callId());
        if (c.department() != null) {
            changed.put(row.action().equals(Actions.ADD_DEPARTMENT) ? "departmentAdded" : "departmentRemoved",
                    c.department().code());
        }
        if (c.departments() != null) {
            changed.put("departments", String.join(",", c.departments().stream().map(d -> d.code()).toList()));
        }
        if (c.sender() != null) {
            changed.put("from", c.sender());
        }
        if (c.clock() != null) {
            changed.put("clock", c.clock().name());
        }
        if (row.action().equals(Actions.PAUSE_CLOCK)) {
            changed.put("pauseReason", c.reason());
        }
        Instant closedAt = status.isClosed() ? (t.status().isClosed() ? t.closedAt() : now) : null;
        if (status != t.status()) {
            changed.put("status", status.name());
        }
        Ticket after = new Ticket(t.id(), t.number(), t.type(), t.category(), t.priority(), status, t.customerId(),
                t.productId(), callId, t.serviceMode(), t.description(), assignee, t.createdBy(), t.createdAt(), now,
                closedAt, complaintClass, severity, t.channel(), t.contactName(), t.contactPhone(), t.contactEmail(),
                level, resolution, via, informedAt, guidance, t.productModel(), t.productSerial(), t.version() + 1);
        return new Applied(after, changed);
    }

    /** The history comment of the step: the comment's text, a reopen's or escalation's reason, a hand-off note. */
    static String comment(Transition row, Change c) {
        if (c.text() != null) {
            return c.text();
        }
        if (c.comment() != null) {
            return c.comment();
        }
        return row.action().equals(Actions.PAUSE_CLOCK) ? null : c.reason();
    }

    private static <T> T pick(Map<String, String> changed, String name, T before, T given) {
        if (given == null || Objects.equals(before, given)) {
            return before;
        }
        changed.put(name, given.toString());
        return given;
    }
}
