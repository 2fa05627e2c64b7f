package org.hotline.ticketing.workflow;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.CustomerInformedVia;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.workflow.ActionOutcome;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.workflow.DeskMapper.DepartmentRef;

/**
 * Checks an action's fields against its workflow row and the database: every required field is there, no field the
 * action does not take, texts within their length, enums known, the assignee an existing user holding a role that
 * may be assigned this type of ticket, departments and calls that exist, a customer-informed time not in the future.
 * The first problem is the answer, naming the field; nothing has been written when it is found.
 */
final class ActionFields {
    static final int TEXT_MAX = 4000;
    static final int DEPARTMENTS_MAX = 20;
    /** How far a browser's clock may run ahead when it sends "told the customer just now". */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);
    /** The typed reasons a clock may be paused for. */
    static final Set<String> PAUSE_REASONS = Set.of("WAITING_FOR_CUSTOMER", "WAITING_FOR_DEPARTMENT");

    private final DeskMapper m;
    private final Map<String, Object> fields;
    private final Transition row;

    private ActionFields(DeskMapper m, Transition row, Map<String, Object> fields) {
        this.m = m;
        this.row = row;
        this.fields = fields;
    }

    /** The typed change, or the first problem. */
    sealed interface Parsed {
    }

    record Valid(Change change) implements Parsed {
    }

    record Refused(ActionOutcome.Invalid invalid) implements Parsed {
    }

    static Parsed parse(DeskMapper m, Transition row, Ticket ticket, Map<String, Object> fields, Instant now) {
        try {
            return new Valid(new ActionFields(m, row, fields).parse(ticket, now));
        } catch (Problem p) {
            return new Refused(new ActionOutcome.Invalid(p.field, p.getMessage()));
        }
    }

    private Change parse(Ticket ticket, Instant now) {
        for (String name : fields.keySet()) {
            if (!row.required().contains(name) && !row.optional().contains(name)) {
                throw new Problem(name, row.action() + " does not take " + name);
            }
        }
        for (String name : row.required()) {
            Object v = fields.get(name);
            if (v == null || (v instanceof String s && s.isBlank()) || (v instanceof List<?> l && l.isEmpty())) {
                throw new Problem(name, name + " is required");
            }
        }
        boolean pause = row.action().equals(Actions.PAUSE_CLOCK);
        String reason = text(Fields.REASON);
        if (pause && reason != null && !PAUSE_REASONS.contains(reason)) {
            throw new Problem(Fields.REASON, "reason must be one of " + String.join(", ", PAUSE_REASONS.stream()
                    .sorted().toList()));
        }
        Change c = new Change(assignee(ticket), departments(), department(), text(Fields.RESOLUTION),
                enumOf(Fields.INFORMED_VIA, CustomerInformedVia.class), informedAt(now), text(Fields.GUIDANCE),
                reason, text(Fields.TEXT), bool(Fields.VISIBLE), enumOf(Fields.CLOCK, ClockName.class), callId(),
                enumOf(Fields.COMPLAINT_CLASS, ComplaintClass.class), enumOf(Fields.SEVERITY, Severity.class),
                text(Fields.COMMENT), null);
        if (row.action().equals(Actions.CLASSIFY) && c.complaintClass() == null && c.severity() == null) {
            throw new Problem(Fields.COMPLAINT_CLASS, "classify needs complaintClass or severity");
        }
        return c;
    }

    private String text(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new Problem(name, name + " must be a string");
        }
        String t = s.strip();
        if (t.codePointCount(0, t.length()) > TEXT_MAX) {
            throw new Problem(name, name + " must be at most " + TEXT_MAX + " characters");
        }
        return t.isEmpty() ? null : t;
    }

    private boolean bool(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw new Problem(name, name + " must be true or false");
        }
        return b;
    }

    private <E extends Enum<E>> E enumOf(String name, Class<E> type) {
        String t = text(name);
        if (t == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, t.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Problem(name, "unknown " + name + ": " + t);
        }
    }

    private String assignee(Ticket ticket) {
        String name = text(Fields.ASSIGNEE);
        if (name == null) {
            return null;
        }
        List<String> roles = m.rolesOf(name);
        if (roles.isEmpty()) {
            throw new Problem(Fields.ASSIGNEE, "no user " + name);
        }
        Set<Role> fitting = Workflows.assigneeRoles(ticket.type());
        if (roles.stream().noneMatch(r -> fitting.contains(Role.valueOf(r)))) {
            throw new Problem(Fields.ASSIGNEE, name + " may not be assigned a " + ticket.type().name().toLowerCase(
                    Locale.ROOT) + " (needs role " + String.join(" or ", fitting.stream().map(Role::name).sorted()
                    .toList()) + ")");
        }
        return name;
    }

    private List<DepartmentRef> departments() {
        Object v = fields.get(Fields.DEPARTMENTS);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> list)) {
            throw new Problem(Fields.DEPARTMENTS, "departments must be a list of department codes");
        }
        if (list.size() > DEPARTMENTS_MAX) {
            throw new Problem(Fields.DEPARTMENTS, "at most " + DEPARTMENTS_MAX + " departments");
        }
        Set<String> codes = new LinkedHashSet<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank()) {
                throw new Problem(Fields.DEPARTMENTS, "departments must be a list of department codes");
            }
            codes.add(s.strip());
        }
        List<DepartmentRef> refs = new ArrayList<>();
        for (String code : codes) {
            refs.add(existing(Fields.DEPARTMENTS, code));
        }
        return refs;
    }

    private DepartmentRef department() {
        String code = text(Fields.DEPARTMENT);
        return code == null ? null : existing(Fields.DEPARTMENT, code);
    }

    private DepartmentRef existing(String field, String code) {
        DepartmentRef d = m.department(code);
        if (d == null) {
            throw new Problem(field, "no department " + code);
        }
        return d;
    }

    private Instant informedAt(Instant now) {
        String t = text(Fields.INFORMED_AT);
        if (t == null) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new Problem(Fields.INFORMED_AT, "customerInformedAt must be an ISO-8601 instant, e.g. "
                    + "2026-11-23T02:15:30Z");
        }
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw new Problem(Fields.INFORMED_AT, "customerInformedAt lies in the future");
        }
        return at;
    }

    private String callId() {
        String id = text(Fields.CALL_ID);
        if (id != null && m.countCall(id) == 0) {
            throw new Problem(Fields.CALL_ID, "no call " + id);
        }
        return id;
    }

    /** A field problem found while parsing; never leaves this class. */
    private static final class Problem extends RuntimeException {
        private final String field;

        Problem(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
