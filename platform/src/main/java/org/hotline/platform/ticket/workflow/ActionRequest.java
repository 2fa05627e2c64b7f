package org.hotline.platform.ticket.workflow;

import java.util.Map;

/**
 * An action on a ticket as the edge parsed it: the action's wire name ({@code assign}, {@code resolve}, …), the
 * ticket version the user saw (a stale one is refused), and the action's fields as JSON scalars or lists of them
 * (String, Boolean, Number, List). The workflow, not the edge, decides which fields are required and valid.
 */
public record ActionRequest(String action, long version, Map<String, Object> fields) {
    public ActionRequest {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
