package org.hotline.platform.ticket.workflow;

import java.util.List;

/**
 * What the pickers of a ticket's action forms offer (the body of {@code GET /api/tickets/{id}/choices}): the users
 * an assignment of this ticket may name (the second line of its type) and the departments it may involve. The
 * server still checks every action's fields; this only saves the user from typing names.
 */
public record ActionChoices(List<Choice> assignees, List<Choice> departments) {
    public ActionChoices {
        assignees = List.copyOf(assignees);
        departments = List.copyOf(departments);
    }

    /** One entry of a picker: the value the action takes and what the user reads. */
    public record Choice(String value, String label) {
    }
}
