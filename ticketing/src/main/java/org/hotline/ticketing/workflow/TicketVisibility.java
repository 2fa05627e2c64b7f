package org.hotline.ticketing.workflow;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.user.Role;

/**
 * Who may see which ticket, as one table of role → scope; a user's scopes add up (a user with several roles sees
 * what each role sees). Everyone sees the tickets they created or that are assigned to them. The desk applies the
 * same value to one ticket ({@link #allows}) and to a search (the mapper's WHERE clause), so that a list never shows
 * a ticket its detail would refuse.
 *
 * <table>
 *   <tr><th>role</th><th>sees besides their own</th></tr>
 *   <tr><td>AGENT</td><td>every ticket of the customer of the call it is on now</td></tr>
 *   <tr><td>ENGINEER, COMPLAINT_HANDLER</td><td>the tickets of their departments</td></tr>
 *   <tr><td>COORDINATOR</td><td>every consultation (the hand-offs it passes on)</td></tr>
 *   <tr><td>COMPLAINT_MANAGER</td><td>every complaint</td></tr>
 *   <tr><td>DEPARTMENT_MANAGER</td><td>the tickets of their departments</td></tr>
 *   <tr><td>CENTRE_HEAD, SUPERVISOR, ADMIN</td><td>every ticket</td></tr>
 * </table>
 */
public final class TicketVisibility {
    /** What one role adds to what a user sees. */
    public enum Scope { SERVED_CUSTOMER, DEPARTMENTS, CONSULTATIONS, COMPLAINTS, ALL }

    private static final Map<Role, Scope> TABLE = new EnumMap<>(Map.of(
            Role.AGENT, Scope.SERVED_CUSTOMER,
            Role.ENGINEER, Scope.DEPARTMENTS,
            Role.COMPLAINT_HANDLER, Scope.DEPARTMENTS,
            Role.COORDINATOR, Scope.CONSULTATIONS,
            Role.COMPLAINT_MANAGER, Scope.COMPLAINTS,
            Role.DEPARTMENT_MANAGER, Scope.DEPARTMENTS,
            Role.CENTRE_HEAD, Scope.ALL,
            Role.SUPERVISOR, Scope.ALL,
            Role.ADMIN, Scope.ALL));

    private TicketVisibility() {
    }

    public static Scope scopeOf(Role role) {
        return TABLE.get(role);
    }

    /**
     * What {@code username} with {@code roles} sees, given the departments they belong to and the customer of the
     * call they are on now (null when none).
     */
    public static Sight of(String username, Set<Role> roles, List<Long> departmentIds, Long servedCustomer) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        roles.forEach(r -> scopes.add(TABLE.get(r)));
        Set<TicketType> types = EnumSet.noneOf(TicketType.class);
        if (scopes.contains(Scope.CONSULTATIONS)) {
            types.add(TicketType.CONSULTATION);
        }
        if (scopes.contains(Scope.COMPLAINTS)) {
            types.add(TicketType.COMPLAINT);
        }
        return new Sight(scopes.contains(Scope.ALL), username,
                scopes.contains(Scope.SERVED_CUSTOMER) ? servedCustomer : null, types,
                scopes.contains(Scope.DEPARTMENTS) ? departmentIds : List.of());
    }

    /**
     * The union a user sees: everything ({@code all}), or their own tickets, those of {@code servedCustomer} (null:
     * none), of the {@code types}, and of the {@code departmentIds}.
     */
    public record Sight(boolean all, String username, Long servedCustomer, Set<TicketType> types,
                        List<Long> departmentIds) {
        public Sight {
            types = types.isEmpty() ? Set.of() : Set.copyOf(types);
            departmentIds = List.copyOf(departmentIds);
        }

        /** Whether the user sees every ticket of {@code type}. */
        public boolean sees(TicketType type) {
            return all || types.contains(type);
        }

        public boolean allows(Ticket t, List<Long> ticketDepartments) {
            return all || username.equals(t.createdBy()) || username.equals(t.assignee())
                    || (servedCustomer != null && servedCustomer.equals(t.customerId()))
                    || types.contains(t.type())
                    || ticketDepartments.stream().anyMatch(departmentIds::contains);
        }
    }
}
