package org.hotline.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.workflow.TicketVisibility.Scope;
import org.hotline.ticketing.workflow.TicketVisibility.Sight;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The access rule as a table: what each role sees of five kinds of ticket someone else created. */
class TicketVisibilityTest {
    private static final long DEPARTMENT = 7;
    private static final long SERVED = 55;

    @ParameterizedTest(name = "{0}: other consultation {1}, other complaint {2}, repair of my department {3}, "
            + "complaint of the customer I serve {4}, assigned to me {5}")
    @CsvSource({
        // role,             consultation, complaint, my dept's repair, served customer's, assigned to me
        "AGENT,              false,        false,     false,            true,              true",
        "ENGINEER,           false,        false,     true,             false,             true",
        "COMPLAINT_HANDLER,  false,        false,     true,             false,             true",
        "COORDINATOR,        true,         false,     false,            false,             true",
        "COMPLAINT_MANAGER,  false,        true,      false,            true,              true",
        "DEPARTMENT_MANAGER, false,        false,     true,             false,             true",
        "CENTRE_HEAD,        true,         true,      true,             true,              true",
        "SUPERVISOR,         true,         true,      true,             true,              true",
        "ADMIN,              true,         true,      true,             true,              true"})
    void eachRoleSeesWhatTheTableSays(Role role, boolean consultation, boolean complaint, boolean departmentRepair,
                                      boolean servedCustomers, boolean assigned) {
        Sight sight = TicketVisibility.of("me", Set.of(role), List.of(DEPARTMENT), SERVED);

        assertThat(sight.allows(ticket(TicketType.CONSULTATION, null, null), List.of())).isEqualTo(consultation);
        assertThat(sight.allows(ticket(TicketType.COMPLAINT, null, null), List.of())).isEqualTo(complaint);
        assertThat(sight.allows(ticket(TicketType.REPAIR, null, null), List.of(DEPARTMENT)))
                .isEqualTo(departmentRepair);
        assertThat(sight.allows(ticket(TicketType.COMPLAINT, SERVED, null), List.of())).isEqualTo(servedCustomers);
        assertThat(sight.allows(ticket(TicketType.REPAIR, null, "me"), List.of())).isEqualTo(assigned);
    }

    @Test
    void everyRoleHasAScopeAndSeveralRolesAddUp() {
        assertThat(EnumSet.allOf(Role.class)).allSatisfy(r -> assertThat(TicketVisibility.scopeOf(r)).isNotNull());
        Sight both = TicketVisibility.of("me", Set.of(Role.COORDINATOR, Role.COMPLAINT_MANAGER), List.of(), null);

        assertThat(both.allows(ticket(TicketType.CONSULTATION, null, null), List.of())).isTrue();
        assertThat(both.allows(ticket(TicketType.COMPLAINT, null, null), List.of())).isTrue();
        assertThat(both.allows(ticket(TicketType.REPAIR, null, null), List.of())).isFalse();
        assertThat(TicketVisibility.scopeOf(Role.AGENT)).isEqualTo(Scope.SERVED_CUSTOMER);
    }

    @Test
    void everyoneSeesTheTicketsTheyCreated() {
        Ticket mine = new Ticket(1, "T1", TicketType.COMPLAINT, "c", TicketPriority.NORMAL, TicketStatus.NEW, null,
                null, null, ServiceMode.PHONE, "d", null, "me", Instant.EPOCH, Instant.EPOCH, null, null, null, null,
                null, null, null, 0, null, null, null, null, null, null, 0);
        for (Role r : Role.values()) {
            assertThat(TicketVisibility.of("me", Set.of(r), List.of(), null).allows(mine, List.of())).as("%s", r)
                    .isTrue();
        }
    }

    private static Ticket ticket(TicketType type, Long customerId, String assignee) {
        return new Ticket(1, "T1", type, "c", TicketPriority.NORMAL, TicketStatus.NEW, customerId, null, null,
                ServiceMode.PHONE, "d", assignee, "someone-else", Instant.EPOCH, Instant.EPOCH, null, null, null, null,
                null, null, null, 0, null, null, null, null, null, null, 0);
    }
}
