package org.hotline.ticketing.clock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.calendar.DbCalendars;
import org.hotline.ticketing.user.LockoutPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A migrated database with tickets to put clocks on, the shipped policies and calendars, and recording doubles. */
abstract class ClockTestSupport extends DatabaseTestSupport {
    protected Ticketing ticketing;
    protected DbCalendars calendars;
    protected DbClockKeeper keeper;
    protected final RecordingNotifications notes = new RecordingNotifications();
    /** Ticket ids the test escalator was asked to escalate. */
    protected final List<Long> escalated = new CopyOnWriteArrayList<>();
    protected final Escalator escalator = (tx, ticketId, reason, now) -> escalated.add(ticketId);

    @BeforeAll
    void openClocks() {
        ticketing = new Ticketing(db, clock, 1_000, LockoutPolicy.DEFAULT);
        calendars = new DbCalendars(db, clock, ticketing.audit());
        keeper = new DbClockKeeper(db, SlaPolicies.standard(), calendars, "node-a");
    }

    @AfterAll
    void closeClocks() {
        ticketing.close();
    }

    protected static Instant beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BEIJING).toInstant();
    }

    protected long newTicket(TicketType type) {
        // a complaint must be classed and reachable (its task sheet complete), a repair must name its product
        boolean complaint = type == TicketType.COMPLAINT;
        Ticket t = ticketing.tickets().create(new NewTicket(type, "咨询", TicketPriority.NORMAL, null, null, null,
                ServiceMode.PHONE, "客户来电", complaint ? ComplaintClass.SERVICE_QUALITY : null, null,
                org.hotline.platform.ticket.Channel.PHONE,
                new org.hotline.platform.ticket.Contact(null, complaint ? "13900000000" : null, null),
                type == TicketType.REPAIR ? "型号" : null, type == TicketType.REPAIR ? "SN" + System.nanoTime() : null),
                "agent1");
        return t.id();
    }

    protected ClockSubject complaint(long ticketId, Severity severity, CustomerClass customerClass,
                                     List<Long> departments, String assignee) {
        return new ClockSubject(ticketId, "T-" + ticketId, TicketType.COMPLAINT, ComplaintClass.SERVICE_QUALITY,
                severity, TicketPriority.NORMAL, customerClass, departments, assignee);
    }

    protected ClockSubject consultation(long ticketId) {
        return new ClockSubject(ticketId, "T-" + ticketId, TicketType.CONSULTATION, null, null,
                TicketPriority.NORMAL, null, List.of(), null);
    }

    protected void apply(ClockSubject subject, ClockEffects effects, Instant at) {
        db.inTransaction(s -> {
            keeper.apply(s, subject, effects, at);
            return null;
        });
    }

    protected static ClockEffects pause(org.hotline.platform.ticket.workflow.ClockName name, String reason) {
        return new ClockEffects(java.util.Set.of(), java.util.Set.of(), name, reason, null, false);
    }

    protected static ClockEffects resume(org.hotline.platform.ticket.workflow.ClockName name) {
        return new ClockEffects(java.util.Set.of(), java.util.Set.of(), null, null, name, false);
    }

    protected static ClockEffects stop(org.hotline.platform.ticket.workflow.ClockName... names) {
        return new ClockEffects(java.util.Set.of(), java.util.Set.of(names), null, null, null, true);
    }

    /** A department (with an optional calendar) whose manager is {@code manager}; returns its id. */
    protected long department(String code, String calendarCode, String manager) {
        long userId = execInsert("INSERT INTO users (username, display_name, password_hash, created_at) VALUES "
                + "(?, ?, 'x', NOW(3))", manager, manager);
        long deptId = execInsert("INSERT INTO departments (code, name, calendar_code, created_at) VALUES "
                + "(?, ?, ?, NOW(3))", code, code, calendarCode);
        execInsert("INSERT INTO department_members (department_id, user_id, manager) VALUES (?, ?, 1)", deptId, userId);
        return deptId;
    }

    protected long execInsert(String sql, Object... params) {
        try (Connection c = testDb.connect();
             PreparedStatement st = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
            try (ResultSet rs = st.getGeneratedKeys()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected Instant instantOf(String sql, Object... params) {
        Object v = queryValue(sql, params);
        if (v == null) {
            return null;
        }
        LocalDateTime utc = v instanceof java.sql.Timestamp ts ? ts.toLocalDateTime() : (LocalDateTime) v;
        return utc.atZone(java.time.ZoneOffset.UTC).toInstant();
    }
}
