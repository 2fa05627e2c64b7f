package org.hotline.console.tickets;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hotline.console.http.Json;
import org.hotline.platform.ticket.workflow.AllowedAction;
import org.hotline.platform.ticket.workflow.ClockView;
import org.hotline.platform.ticket.workflow.TicketRow;
import org.hotline.platform.ticket.workflow.TicketView;

/**
 * The JSON of the ticket workflow's answers. A ticket is its fields at the top level (as {@code POST /api/tickets}
 * answers) plus, for one ticket, {@code customerName}, {@code departments}, {@code version}, {@code clocks}, {@code allowedActions}
 * ({@code {action, fields, required, optional}}: {@code fields} is every field the action's form has) and
 * {@code history}; for a list row {@code customerName}, {@code departments}, {@code nextClock}, {@code nextDueAt},
 * {@code overdue}, {@code stalled} and, in a worklist, {@code why}.
 */
final class TicketJson {
    private TicketJson() {
    }

    static ObjectNode view(TicketView v) {
        ObjectNode json = Json.mapper().valueToTree(v.ticket());
        json.put("customerName", v.customerName());
        json.set("departments", Json.mapper().valueToTree(v.departments()));
        json.put("version", v.version());
        ArrayNode clocks = json.putArray("clocks");
        for (ClockView c : v.clocks()) {
            clocks.add(Json.mapper().<ObjectNode>valueToTree(c));
        }
        ArrayNode actions = json.putArray("allowedActions");
        for (AllowedAction a : v.allowedActions()) {
            ObjectNode action = actions.addObject();
            action.put("action", a.action());
            List<String> all = new ArrayList<>(a.required());
            all.addAll(a.optional());
            action.set("fields", Json.mapper().valueToTree(all));
            action.set("required", Json.mapper().valueToTree(a.required()));
            action.set("optional", Json.mapper().valueToTree(a.optional()));
        }
        json.set("history", Json.mapper().valueToTree(v.history()));
        return json;
    }

    static ObjectNode row(TicketRow r) {
        ObjectNode json = Json.mapper().valueToTree(r.ticket());
        json.put("customerName", r.customerName());
        json.set("departments", Json.mapper().valueToTree(r.departments()));
        json.put("nextClock", r.nextClock() == null ? null : r.nextClock().name());
        json.put("nextDueAt", Json.instant(r.nextDueAt()));
        json.put("overdue", r.overdue());
        json.put("stalled", r.stalled());
        if (r.why() != null) {
            json.put("why", r.why());
        }
        return json;
    }

    static ArrayNode rows(List<TicketRow> rows) {
        ArrayNode out = Json.mapper().createArrayNode();
        rows.forEach(r -> out.add(row(r)));
        return out;
    }
}
