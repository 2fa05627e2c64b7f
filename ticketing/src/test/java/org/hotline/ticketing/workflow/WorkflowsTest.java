package org.hotline.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.clock.ClockEffects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The workflow tables, written out row by row: each expected row is a test of its own, and each table must have
 * exactly these rows (a row added, changed or dropped by mistake fails here). Columns: type (or COMMON), from-states,
 * action, roles, required fields, optional fields, next state (= stays), clock effects, guard.
 */
class WorkflowsTest {
    static final List<String> EXPECTED = List.of(
        "CONSULTATION | NEW | resolve | AGENT,ENGINEER,SUPERVISOR | resolution | - | RESOLVED | stop ALL | NONE",
        "CONSULTATION | NEW | hand-off | AGENT,SUPERVISOR | - | comment | HANDED_OFF | start HAND_OFF | NONE",
        "CONSULTATION | HANDED_OFF | assign | COORDINATOR,SUPERVISOR | assignee | departments | ASSIGNED"
                + " | start FIRST_RESPONSE stop HAND_OFF | NONE",
        "CONSULTATION | ASSIGNED | assign | COORDINATOR,SUPERVISOR | assignee | departments | ASSIGNED | activity"
                + " | NONE",
        "CONSULTATION | ASSIGNED | start | ENGINEER | - | - | IN_PROGRESS | stop FIRST_RESPONSE | NONE",
        "CONSULTATION | IN_PROGRESS | assign | COORDINATOR,SUPERVISOR | assignee | departments | ASSIGNED"
                + " | activity | NONE",
        "CONSULTATION | IN_PROGRESS | resolve | ENGINEER,SUPERVISOR | resolution | - | RESOLVED | stop ALL | NONE",
        "CONSULTATION | RESOLVED | close | AGENT,COORDINATOR,ENGINEER,SUPERVISOR | - | - | CLOSED | stop ALL | NONE",

        "COMPLAINT | NEW | assign | COMPLAINT_MANAGER | assignee | departments | ASSIGNED | activity | NONE",
        "COMPLAINT | NEW | classify | COMPLAINT_MANAGER | - | complaintClass,severity | = | activity | NONE",
        "COMPLAINT | NEW | close-with-guidance | COMPLAINT_MANAGER | guidance | - | CLOSED_WITH_GUIDANCE | stop ALL"
                + " | MISUSE",
        "COMPLAINT | ASSIGNED | assign | COMPLAINT_MANAGER | assignee | departments | ASSIGNED | activity | NONE",
        "COMPLAINT | ASSIGNED | classify | COMPLAINT_MANAGER | - | complaintClass,severity | = | activity | NONE",
        "COMPLAINT | ASSIGNED | start | COMPLAINT_HANDLER | - | - | IN_PROGRESS | stop FIRST_RESPONSE | NONE",
        "COMPLAINT | ASSIGNED | close-with-guidance | COMPLAINT_HANDLER,COMPLAINT_MANAGER | guidance | -"
                + " | CLOSED_WITH_GUIDANCE | stop ALL | MISUSE",
        "COMPLAINT | IN_PROGRESS | assign | COMPLAINT_MANAGER | assignee | departments | ASSIGNED | activity | NONE",
        "COMPLAINT | IN_PROGRESS | classify | COMPLAINT_MANAGER | - | complaintClass,severity | = | activity | NONE",
        "COMPLAINT | IN_PROGRESS | escalate | COMPLAINT_HANDLER,COMPLAINT_MANAGER,DEPARTMENT_MANAGER | - | reason"
                + " | ESCALATED | start ESCALATION_1 | BELOW_TOP_LEVEL",
        "COMPLAINT | IN_PROGRESS | resolve | COMPLAINT_HANDLER | resolution,customerInformedVia,customerInformedAt"
                + " | - | RESOLVED | stop ALL | NONE",
        "COMPLAINT | ESCALATED | assign | CENTRE_HEAD,COMPLAINT_MANAGER | assignee | departments | = | activity"
                + " | NONE",
        "COMPLAINT | ESCALATED | classify | CENTRE_HEAD,COMPLAINT_MANAGER | - | complaintClass,severity | ="
                + " | activity | NONE",
        "COMPLAINT | ESCALATED | escalate | CENTRE_HEAD | - | reason | = | start ESCALATION_2 stop ESCALATION_1"
                + " | BELOW_TOP_LEVEL",
        "COMPLAINT | ESCALATED | resolve | CENTRE_HEAD,COMPLAINT_HANDLER,COMPLAINT_MANAGER"
                + " | resolution,customerInformedVia,customerInformedAt | - | RESOLVED | stop ALL | NONE",
        "COMPLAINT | RESOLVED | close | COMPLAINT_MANAGER | - | - | CLOSED | stop ALL | NONE",
        "COMPLAINT | CLOSED | reopen | AGENT,COMPLAINT_MANAGER,SUPERVISOR | reason | - | REOPENED"
                + " | start RESOLUTION,STAGNATION | NONE",
        "COMPLAINT | REOPENED | assign | COMPLAINT_MANAGER | assignee | departments | ASSIGNED | activity | NONE",

        "REPAIR | NEW | assign | AGENT,DEPARTMENT_MANAGER,SUPERVISOR | assignee | departments | ASSIGNED | activity"
                + " | NONE",
        "REPAIR | NEW | resolve | AGENT,ENGINEER,SUPERVISOR | resolution | - | RESOLVED | stop ALL | NONE",
        "REPAIR | ASSIGNED | assign | AGENT,DEPARTMENT_MANAGER,SUPERVISOR | assignee | departments | ASSIGNED"
                + " | activity | NONE",
        "REPAIR | ASSIGNED | start | ENGINEER | - | - | IN_PROGRESS | stop FIRST_RESPONSE | NONE",
        "REPAIR | ASSIGNED | resolve | ENGINEER,SUPERVISOR | resolution | - | RESOLVED | stop ALL | NONE",
        "REPAIR | IN_PROGRESS | assign | AGENT,DEPARTMENT_MANAGER,SUPERVISOR | assignee | departments | ASSIGNED"
                + " | activity | NONE",
        "REPAIR | IN_PROGRESS | resolve | ENGINEER,SUPERVISOR | resolution | - | RESOLVED | stop ALL | NONE",
        "REPAIR | RESOLVED | close | AGENT,ENGINEER,SUPERVISOR | - | - | CLOSED | stop ALL | NONE",

        "COMMON | ANY | comment | TICKET_WORKERS | text | visibleToCustomer | = | activity | NONE",
        "COMMON | OPEN | add-department | CENTRE_HEAD,COMPLAINT_MANAGER,COORDINATOR,DEPARTMENT_MANAGER,SUPERVISOR"
                + " | department | - | = | activity | NONE",
        "COMMON | OPEN | remove-department | CENTRE_HEAD,COMPLAINT_MANAGER,COORDINATOR,DEPARTMENT_MANAGER,SUPERVISOR"
                + " | department | - | = | activity | NONE",
        "COMMON | WORKING | pause-clock | BACK_OFFICE | clock,reason | - | = | the clock named | NONE",
        "COMMON | WORKING | resume-clock | BACK_OFFICE | clock | - | = | the clock named | NONE",
        "COMMON | ANY | link-call | TICKET_WORKERS | callId | - | = | none | NONE",
        "COMMON | ANY | customer-message | SYSTEM | text | - | = | activity | NONE");

    static Stream<String> expectedRows() {
        return EXPECTED.stream();
    }

    static List<String> actualRows() {
        Stream<String> typed = Stream.of(TicketType.values())
                .flatMap(type -> Workflows.table(type).stream().map(t -> describe(type.name(), t)));
        return Stream.concat(typed, Workflows.common().stream().map(t -> describe("COMMON", t))).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedRows")
    void theTableHasTheRow(String row) {
        assertThat(actualRows()).contains(row);
    }

    @Test
    void theTablesHaveExactlyTheExpectedRowsInOrder() {
        assertThat(actualRows()).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void noStateHasTheSameActionTwice() {
        for (TicketType type : TicketType.values()) {
            for (TicketStatus state : TicketStatus.values()) {
                List<String> actions = Workflows.available(type, state).stream().map(Transition::action).toList();
                assertThat(actions).as("%s in %s", type, state).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void aNewTicketStartsTheClocksOfItsType() {
        assertThat(Workflows.atCreation(TicketType.CONSULTATION).start()).containsExactly(ClockName.RESOLUTION);
        assertThat(Workflows.atCreation(TicketType.COMPLAINT).start())
                .containsExactlyInAnyOrder(ClockName.FIRST_RESPONSE, ClockName.RESOLUTION, ClockName.STAGNATION);
        assertThat(Workflows.atCreation(TicketType.REPAIR).start())
                .containsExactlyInAnyOrder(ClockName.FIRST_RESPONSE, ClockName.RESOLUTION);
    }

    @Test
    void complaintsGoToComplaintHandlersAndTheRestToEngineers() {
        assertThat(Workflows.assigneeRoles(TicketType.COMPLAINT)).containsExactly(Role.COMPLAINT_HANDLER);
        assertThat(Workflows.assigneeRoles(TicketType.CONSULTATION)).containsExactly(Role.ENGINEER);
        assertThat(Workflows.assigneeRoles(TicketType.REPAIR)).containsExactly(Role.ENGINEER);
    }

    @Test
    void everyFinalStateCanOnlyBeCommentedOrLinkedExceptAClosedComplaintWhichReopens() {
        // besides the system's customer-message step (a customer may still write), which no user is offered
        for (TicketType type : TicketType.values()) {
            for (TicketStatus closed : List.of(TicketStatus.CLOSED, TicketStatus.CLOSED_WITH_GUIDANCE)) {
                Set<String> actions = Workflows.available(type, closed).stream().map(Transition::action)
                        .collect(Collectors.toSet());
                Set<String> expected = type == TicketType.COMPLAINT && closed == TicketStatus.CLOSED
                        ? Set.of(Actions.COMMENT, Actions.LINK_CALL, Actions.REOPEN, Actions.CUSTOMER_MESSAGE)
                        : Set.of(Actions.COMMENT, Actions.LINK_CALL, Actions.CUSTOMER_MESSAGE);
                assertThat(actions).as("%s %s", type, closed).isEqualTo(expected);
            }
        }
    }

    static String describe(String table, Transition t) {
        return String.join(" | ", table, states(t.from()), t.action(), roles(t.roles()), list(t.required()),
                list(t.optional()), t.to() == null ? "=" : t.to().name(), clocks(t.clocks()), t.guard().name());
    }

    private static String states(Set<TicketStatus> from) {
        if (from.equals(EnumSet.allOf(TicketStatus.class))) {
            return "ANY";
        }
        if (from.equals(TicketStatus.OPEN)) {
            return "OPEN";
        }
        if (from.equals(Workflows.WORKING)) {
            return "WORKING";
        }
        return from.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static String roles(Set<Role> roles) {
        if (roles.equals(Workflows.TICKET_WORKERS)) {
            return "TICKET_WORKERS";
        }
        if (roles.equals(Workflows.BACK_OFFICE)) {
            return "BACK_OFFICE";
        }
        if (roles.isEmpty()) {
            return "SYSTEM";
        }
        return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    private static String list(List<String> fields) {
        return fields.isEmpty() ? "-" : String.join(",", fields);
    }

    private static String clocks(ClockEffects e) {
        if (e == Workflows.FROM_REQUEST) {
            return "the clock named";
        }
        if (e.equals(Workflows.STOP_ALL)) {
            return "stop ALL";
        }
        StringBuilder sb = new StringBuilder();
        if (!e.start().isEmpty()) {
            sb.append("start ").append(names(e.start()));
        }
        if (!e.stop().isEmpty()) {
            sb.append(sb.isEmpty() ? "" : " ").append("stop ").append(names(e.stop()));
        }
        if (sb.isEmpty()) {
            return e.activity() ? "activity" : "none";
        }
        return sb.toString();
    }

    private static String names(Set<ClockName> names) {
        return new TreeSet<>(names.stream().map(Enum::name).toList()).stream().collect(Collectors.joining(","));
    }
}
