package org.hotline.ticketing.workflow;

import static org.hotline.platform.ticket.TicketStatus.ASSIGNED;
import static org.hotline.platform.ticket.TicketStatus.CLOSED;
import static org.hotline.platform.ticket.TicketStatus.CLOSED_WITH_GUIDANCE;
import static org.hotline.platform.ticket.TicketStatus.ESCALATED;
import static org.hotline.platform.ticket.TicketStatus.HANDED_OFF;
import static org.hotline.platform.ticket.TicketStatus.IN_PROGRESS;
import static org.hotline.platform.ticket.TicketStatus.NEW;
import static org.hotline.platform.ticket.TicketStatus.REOPENED;
import static org.hotline.platform.ticket.TicketStatus.RESOLVED;
import static org.hotline.platform.user.Role.AGENT;
import static org.hotline.platform.user.Role.CENTRE_HEAD;
import static org.hotline.platform.user.Role.COMPLAINT_HANDLER;
import static org.hotline.platform.user.Role.COMPLAINT_MANAGER;
import static org.hotline.platform.user.Role.COORDINATOR;
import static org.hotline.platform.user.Role.DEPARTMENT_MANAGER;
import static org.hotline.platform.user.Role.ENGINEER;
import static org.hotline.platform.user.Role.SUPERVISOR;
import static org.hotline.platform.ticket.workflow.ClockName.ESCALATION_1;
import static org.hotline.platform.ticket.workflow.ClockName.ESCALATION_2;
import static org.hotline.platform.ticket.workflow.ClockName.FIRST_RESPONSE;
import static org.hotline.platform.ticket.workflow.ClockName.HAND_OFF;
import static org.hotline.platform.ticket.workflow.ClockName.RESOLUTION;
import static org.hotline.platform.ticket.workflow.ClockName.STAGNATION;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.clock.ClockEffects;
import org.hotline.ticketing.workflow.Transition.Guard;

/**
 * The ticket workflows as tables, one per ticket type, plus the common actions every type has (W1.5–W1.7, W2 of
 * {@code shared/design/workflows.md}). Nothing else in the code decides which action a ticket allows, who may take
 * it, which fields it needs, where it leads or what it does to the clocks: a new workflow (repair W4, follow-up W3)
 * is a new table here, not a new code path. Pure: no database.
 *
 * <p>A type's own rows are looked up before the common rows. An action missing for a state is "not allowed now"
 * (409); present but not for the user's roles is "forbidden" (403).
 */
public final class Workflows {
    /** The roles that take part in ticket work after the call (everyone but a pure administrator). */
    public static final Set<Role> BACK_OFFICE = Set.copyOf(EnumSet.of(ENGINEER, COORDINATOR, COMPLAINT_HANDLER,
            COMPLAINT_MANAGER, DEPARTMENT_MANAGER, CENTRE_HEAD, SUPERVISOR));
    /** Everyone who works tickets, agents included. */
    public static final Set<Role> TICKET_WORKERS = union(BACK_OFFICE, Set.of(AGENT));
    /** No user role: a row only the system takes (the intake's customer messages); users are refused (403). */
    static final Set<Role> SYSTEM_ONLY = Set.of();
    /** Who names the departments involved. */
    static final Set<Role> DEPARTMENT_EDITORS = Set.copyOf(EnumSet.of(COMPLAINT_MANAGER, COORDINATOR,
            DEPARTMENT_MANAGER, CENTRE_HEAD, SUPERVISOR));
    /** Every state in which a ticket still needs work. */
    static final Set<TicketStatus> OPEN = TicketStatus.OPEN;
    /** Open and not yet resolved: the clocks still matter. */
    static final Set<TicketStatus> WORKING = Set.copyOf(EnumSet.of(NEW, HANDED_OFF, ASSIGNED, IN_PROGRESS, ESCALATED,
            REOPENED));
    /** Resolving or closing stops whatever clock still runs. */
    static final ClockEffects STOP_ALL = new ClockEffects(Set.of(), EnumSet.allOf(ClockName.class), null, null, null,
            true);
    static final ClockEffects ACTIVITY = new ClockEffects(Set.of(), Set.of(), null, null, null, true);
    /** pause-clock / resume-clock: which clock and why come from the request (see {@link #clockEffects}). */
    static final ClockEffects FROM_REQUEST = new ClockEffects(Set.of(), Set.of(), null, null, null, false);

    private static final List<Transition> CONSULTATION = List.of(
            row(NEW, Actions.RESOLVE, roles(AGENT, ENGINEER, SUPERVISOR), req(Fields.RESOLUTION), opt(), RESOLVED,
                    STOP_ALL),
            row(NEW, Actions.HAND_OFF, roles(AGENT, SUPERVISOR), req(), opt(Fields.COMMENT), HANDED_OFF,
                    starting(HAND_OFF)),
            row(HANDED_OFF, Actions.ASSIGN, roles(COORDINATOR, SUPERVISOR), req(Fields.ASSIGNEE),
                    opt(Fields.DEPARTMENTS), ASSIGNED, new ClockEffects(Set.of(FIRST_RESPONSE), Set.of(HAND_OFF),
                            null, null, null, true)),
            row(ASSIGNED, Actions.ASSIGN, roles(COORDINATOR, SUPERVISOR), req(Fields.ASSIGNEE),
                    opt(Fields.DEPARTMENTS), ASSIGNED, ACTIVITY),
            row(ASSIGNED, Actions.START, roles(ENGINEER), req(), opt(), IN_PROGRESS, stopping(FIRST_RESPONSE)),
            row(IN_PROGRESS, Actions.ASSIGN, roles(COORDINATOR, SUPERVISOR), req(Fields.ASSIGNEE),
                    opt(Fields.DEPARTMENTS), ASSIGNED, ACTIVITY),
            row(IN_PROGRESS, Actions.RESOLVE, roles(ENGINEER, SUPERVISOR), req(Fields.RESOLUTION), opt(), RESOLVED,
                    STOP_ALL),
            row(RESOLVED, Actions.CLOSE, roles(AGENT, ENGINEER, COORDINATOR, SUPERVISOR), req(), opt(), CLOSED,
                    STOP_ALL));

    private static final List<String> RESOLVE_COMPLAINT = req(Fields.RESOLUTION, Fields.INFORMED_VIA,
            Fields.INFORMED_AT);
    private static final List<String> CLASSIFY_FIELDS = opt(Fields.COMPLAINT_CLASS, Fields.SEVERITY);

    private static final List<Transition> COMPLAINT = List.of(
            row(NEW, Actions.ASSIGN, roles(COMPLAINT_MANAGER), req(Fields.ASSIGNEE), opt(Fields.DEPARTMENTS),
                    ASSIGNED, ACTIVITY),
            row(NEW, Actions.CLASSIFY, roles(COMPLAINT_MANAGER), req(), CLASSIFY_FIELDS, null, ACTIVITY),
            guarded(row(NEW, Actions.CLOSE_WITH_GUIDANCE, roles(COMPLAINT_MANAGER), req(Fields.GUIDANCE), opt(),
                    CLOSED_WITH_GUIDANCE, STOP_ALL), Guard.MISUSE),
            row(ASSIGNED, Actions.ASSIGN, roles(COMPLAINT_MANAGER), req(Fields.ASSIGNEE), opt(Fields.DEPARTMENTS),
                    ASSIGNED, ACTIVITY),
            row(ASSIGNED, Actions.CLASSIFY, roles(COMPLAINT_MANAGER), req(), CLASSIFY_FIELDS, null, ACTIVITY),
            row(ASSIGNED, Actions.START, roles(COMPLAINT_HANDLER), req(), opt(), IN_PROGRESS,
                    stopping(FIRST_RESPONSE)),
            guarded(row(ASSIGNED, Actions.CLOSE_WITH_GUIDANCE, roles(COMPLAINT_MANAGER, COMPLAINT_HANDLER),
                    req(Fields.GUIDANCE), opt(), CLOSED_WITH_GUIDANCE, STOP_ALL), Guard.MISUSE),
            row(IN_PROGRESS, Actions.ASSIGN, roles(COMPLAINT_MANAGER), req(Fields.ASSIGNEE), opt(Fields.DEPARTMENTS),
                    ASSIGNED, ACTIVITY),
            row(IN_PROGRESS, Actions.CLASSIFY, roles(COMPLAINT_MANAGER), req(), CLASSIFY_FIELDS, null, ACTIVITY),
            guarded(row(IN_PROGRESS, Actions.ESCALATE, roles(COMPLAINT_HANDLER, COMPLAINT_MANAGER,
                    DEPARTMENT_MANAGER), req(), opt(Fields.REASON), ESCALATED, starting(ESCALATION_1)),
                    Guard.BELOW_TOP_LEVEL),
            row(IN_PROGRESS, Actions.RESOLVE, roles(COMPLAINT_HANDLER), RESOLVE_COMPLAINT, opt(), RESOLVED, STOP_ALL),
            row(ESCALATED, Actions.ASSIGN, roles(COMPLAINT_MANAGER, CENTRE_HEAD), req(Fields.ASSIGNEE),
                    opt(Fields.DEPARTMENTS), null, ACTIVITY),
            row(ESCALATED, Actions.CLASSIFY, roles(COMPLAINT_MANAGER, CENTRE_HEAD), req(), CLASSIFY_FIELDS, null,
                    ACTIVITY),
            guarded(row(ESCALATED, Actions.ESCALATE, roles(CENTRE_HEAD), req(), opt(Fields.REASON), null,
                    new ClockEffects(Set.of(ESCALATION_2), Set.of(ESCALATION_1), null, null, null, true)),
                    Guard.BELOW_TOP_LEVEL),
            row(ESCALATED, Actions.RESOLVE, roles(COMPLAINT_HANDLER, COMPLAINT_MANAGER, CENTRE_HEAD),
                    RESOLVE_COMPLAINT, opt(), RESOLVED, STOP_ALL),
            row(RESOLVED, Actions.CLOSE, roles(COMPLAINT_MANAGER), req(), opt(), CLOSED, STOP_ALL),
            row(CLOSED, Actions.REOPEN, roles(AGENT, COMPLAINT_MANAGER, SUPERVISOR), req(Fields.REASON), opt(),
                    REOPENED, starting(RESOLUTION, STAGNATION)),
            row(REOPENED, Actions.ASSIGN, roles(COMPLAINT_MANAGER), req(Fields.ASSIGNEE), opt(Fields.DEPARTMENTS),
                    ASSIGNED, ACTIVITY));

    private static final Set<Role> REPAIR_DISPATCH = roles(AGENT, SUPERVISOR, DEPARTMENT_MANAGER);

    private static final List<Transition> REPAIR = List.of(
            row(NEW, Actions.ASSIGN, REPAIR_DISPATCH, req(Fields.ASSIGNEE), opt(Fields.DEPARTMENTS), ASSIGNED,
                    ACTIVITY),
            row(NEW, Actions.RESOLVE, roles(AGENT, ENGINEER, SUPERVISOR), req(Fields.RESOLUTION), opt(), RESOLVED,
                    STOP_ALL),
            row(ASSIGNED, Actions.ASSIGN, REPAIR_DISPATCH, req(Fields.ASSIGNEE), opt(Fields.DEPARTMENTS), ASSIGNED,
                    ACTIVITY),
            row(ASSIGNED, Actions.START, roles(ENGINEER), req(), opt(), IN_PROGRESS, stopping(FIRST_RESPONSE)),
            row(ASSIGNED, Actions.RESOLVE, roles(ENGINEER, SUPERVISOR), req(Fields.RESOLUTION), opt(), RESOLVED,
                    STOP_ALL),
            row(IN_PROGRESS, Actions.ASSIGN, REPAIR_DISPATCH, req(Fields.ASSIGNEE), opt(Fields.DEPARTMENTS),
                    ASSIGNED, ACTIVITY),
            row(IN_PROGRESS, Actions.RESOLVE, roles(ENGINEER, SUPERVISOR), req(Fields.RESOLUTION), opt(), RESOLVED,
                    STOP_ALL),
            row(RESOLVED, Actions.CLOSE, roles(AGENT, ENGINEER, SUPERVISOR), req(), opt(), CLOSED, STOP_ALL));

    /** The actions of every type; they never move the ticket. */
    private static final List<Transition> COMMON = List.of(
            new Transition(EnumSet.allOf(TicketStatus.class), Actions.COMMENT, TICKET_WORKERS, req(Fields.TEXT),
                    opt(Fields.VISIBLE), null, ACTIVITY, Guard.NONE),
            new Transition(OPEN, Actions.ADD_DEPARTMENT, DEPARTMENT_EDITORS, req(Fields.DEPARTMENT), opt(), null,
                    ACTIVITY, Guard.NONE),
            new Transition(OPEN, Actions.REMOVE_DEPARTMENT, DEPARTMENT_EDITORS, req(Fields.DEPARTMENT), opt(), null,
                    ACTIVITY, Guard.NONE),
            new Transition(WORKING, Actions.PAUSE_CLOCK, BACK_OFFICE, req(Fields.CLOCK, Fields.REASON), opt(), null,
                    FROM_REQUEST, Guard.NONE),
            new Transition(WORKING, Actions.RESUME_CLOCK, BACK_OFFICE, req(Fields.CLOCK), opt(), null, FROM_REQUEST,
                    Guard.NONE),
            new Transition(EnumSet.allOf(TicketStatus.class), Actions.LINK_CALL, TICKET_WORKERS, req(Fields.CALL_ID),
                    opt(), null, ClockEffects.NONE, Guard.NONE),
            new Transition(EnumSet.allOf(TicketStatus.class), Actions.CUSTOMER_MESSAGE, SYSTEM_ONLY,
                    req(Fields.TEXT), opt(), null, ACTIVITY, Guard.NONE));

    private static final Map<TicketType, List<Transition>> TABLES = new EnumMap<>(Map.of(
            TicketType.CONSULTATION, CONSULTATION, TicketType.COMPLAINT, COMPLAINT, TicketType.REPAIR, REPAIR));

    /** Whom an assignment may name, per type: the second line of that kind of work. */
    private static final Map<TicketType, Set<Role>> ASSIGNEES = new EnumMap<>(Map.of(
            TicketType.CONSULTATION, roles(ENGINEER), TicketType.COMPLAINT, roles(COMPLAINT_HANDLER),
            TicketType.REPAIR, roles(ENGINEER)));

    /** The clocks a new ticket starts with (HAND_OFF starts on hand-off, the escalation clocks on escalation). */
    private static final Map<TicketType, ClockEffects> CREATION = new EnumMap<>(Map.of(
            TicketType.CONSULTATION, starting(RESOLUTION),
            TicketType.COMPLAINT, starting(FIRST_RESPONSE, RESOLUTION, STAGNATION),
            TicketType.REPAIR, starting(FIRST_RESPONSE, RESOLUTION)));

    private Workflows() {
    }

    /** The type's own rows, in table order. */
    public static List<Transition> table(TicketType type) {
        return TABLES.get(type);
    }

    /** The rows every type has. */
    public static List<Transition> common() {
        return COMMON;
    }

    /** The row for {@code action} in {@code state}; empty when the state does not allow it (409). */
    public static Optional<Transition> find(TicketType type, TicketStatus state, String action) {
        return Stream.concat(TABLES.get(type).stream(), COMMON.stream())
                .filter(t -> t.action().equals(action) && t.from().contains(state))
                .findFirst();
    }

    /** Every row {@code state} allows for the type, whoever may take it (type rows first). */
    public static List<Transition> available(TicketType type, TicketStatus state) {
        return Stream.concat(TABLES.get(type).stream(), COMMON.stream())
                .filter(t -> t.from().contains(state))
                .toList();
    }

    /** Whether any table knows the action at all (else the edge answers 404 for the action's path). */
    public static boolean knows(String action) {
        return Stream.concat(TABLES.values().stream().flatMap(List::stream), COMMON.stream())
                .anyMatch(t -> t.action().equals(action));
    }

    public static Set<Role> assigneeRoles(TicketType type) {
        return ASSIGNEES.get(type);
    }

    public static ClockEffects atCreation(TicketType type) {
        return CREATION.get(type);
    }

    /** The row's clock effects; for pause-clock / resume-clock the clock (and reason) the request named. */
    public static ClockEffects clockEffects(Transition row, ClockName clock, String pauseReason) {
        if (row.action().equals(Actions.PAUSE_CLOCK)) {
            return new ClockEffects(Set.of(), Set.of(), clock, pauseReason, null, false);
        }
        if (row.action().equals(Actions.RESUME_CLOCK)) {
            return new ClockEffects(Set.of(), Set.of(), null, null, clock, false);
        }
        return row.clocks();
    }

    private static Transition row(TicketStatus from, String action, Set<Role> roles, List<String> required,
                                  List<String> optional, TicketStatus to, ClockEffects clocks) {
        return new Transition(Set.of(from), action, roles, required, optional, to, clocks, Guard.NONE);
    }

    private static Transition guarded(Transition t, Guard guard) {
        return new Transition(t.from(), t.action(), t.roles(), t.required(), t.optional(), t.to(), t.clocks(), guard);
    }

    private static Set<Role> roles(Role... roles) {
        return Set.of(roles);
    }

    private static List<String> req(String... fields) {
        return List.of(fields);
    }

    private static List<String> opt(String... fields) {
        return List.of(fields);
    }

    private static ClockEffects starting(ClockName... names) {
        return ClockEffects.starting(names);
    }

    private static ClockEffects stopping(ClockName... names) {
        return new ClockEffects(Set.of(), Set.of(names), null, null, null, true);
    }

    private static Set<Role> union(Set<Role> a, Set<Role> b) {
        EnumSet<Role> all = EnumSet.copyOf(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
