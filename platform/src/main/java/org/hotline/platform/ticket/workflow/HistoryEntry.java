package org.hotline.platform.ticket.workflow;

import java.time.Instant;
import java.util.Map;

/**
 * One line of a ticket's audit trail, written in the same transaction as the change it describes: who, when, which
 * action, the status before and after (equal for actions that do not move it), the fields it changed (name → new
 * value as text), and the comment. {@code visibleToCustomer} marks a customer-visible reply.
 */
public record HistoryEntry(long id, String actor, Instant at, String action, String fromStatus, String toStatus,
                           Map<String, String> fields, String comment, boolean visibleToCustomer) {
    public HistoryEntry {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
