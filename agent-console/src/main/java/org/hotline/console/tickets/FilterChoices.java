package org.hotline.console.tickets;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hotline.platform.org.Organisation;
import org.hotline.platform.ticket.workflow.ActionChoices;
import org.hotline.platform.ticket.workflow.ActionChoices.Choice;
import org.hotline.platform.user.Account;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.UserDirectory;

/**
 * What the ticket list's assignee and department filters offer before any ticket is open: every enabled user who
 * holds a back-office role (the people tickets are assigned to) and every department. Built from the directory and
 * the organisation the console already has, so that the filters do not wait for the ticket back end to learn a new
 * port method; filtering by a name still works when it is typed by hand.
 */
public final class FilterChoices {
    /** The roles whose holders work tickets after the call (agents and supervisors are not assigned tickets). */
    static final Set<Role> ASSIGNABLE = EnumSet.of(Role.ENGINEER, Role.COORDINATOR, Role.COMPLAINT_HANDLER,
            Role.COMPLAINT_MANAGER, Role.DEPARTMENT_MANAGER, Role.CENTRE_HEAD);

    private final UserDirectory users;
    private final Organisation organisation;

    public FilterChoices(UserDirectory users, Organisation organisation) {
        this.users = users;
        this.organisation = organisation;
    }

    /** Assignees (username → display name, ordered by display name) and departments (code → name). */
    public ActionChoices forFilters() {
        List<Choice> assignees = users.accounts().stream()
                .filter(a -> !a.disabled() && a.user().roles().stream().anyMatch(ASSIGNABLE::contains))
                .map(Account::user)
                .sorted(Comparator.comparing(u -> u.displayName() + "\u0000" + u.username()))
                .map(u -> new Choice(u.username(), u.displayName()))
                .toList();
        List<Choice> departments = organisation.departments().stream()
                .map(d -> new Choice(d.code(), d.name()))
                .toList();
        return new ActionChoices(assignees, departments);
    }
}
