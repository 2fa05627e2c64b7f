package org.hotline.ticketing.workflow;

import java.util.List;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.ActionChoices;
import org.hotline.ticketing.db.Database;

/**
 * Fills the pickers of a ticket's forms from the same rules the desk checks: the assignees are the users holding a
 * role {@link Workflows#assigneeRoles} names for the ticket's type, the departments every department. Kept apart
 * from {@link DbTicketDesk} so that the desk's transaction code stays about actions.
 */
final class ActionChoiceQueries {
    private final Database db;

    ActionChoiceQueries(Database db) {
        this.db = db;
        db.registerMapper(ChoiceMapper.class);
    }

    ActionChoices of(TicketType type) {
        return db.withSession(s -> {
            ChoiceMapper m = s.getMapper(ChoiceMapper.class);
            List<String> roles = Workflows.assigneeRoles(type).stream().map(Enum::name).sorted().toList();
            return new ActionChoices(m.usersWithRoles(roles), m.departments());
        });
    }
}
