package org.hotline.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.event.TicketChanged;
import org.hotline.platform.ticket.Channel;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.Contact;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.ActionOutcome;
import org.hotline.platform.ticket.workflow.ActionRequest;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.platform.ticket.workflow.ClockState;
import org.hotline.platform.ticket.workflow.ClockView;
import org.hotline.platform.ticket.workflow.HistoryEntry;
import org.hotline.platform.ticket.workflow.TicketView;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.user.LockoutPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A migrated database with the real workflow desk on the real clocks and notifications, a manual clock (a Monday
 * 10:15 in Beijing), one user per role and a department, and helpers to act as them.
 */
abstract class DeskTestSupport extends DatabaseTestSupport {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    protected final ManualClock manual = new ManualClock(NOW, BEIJING);
    protected final LocalEventBus bus = new LocalEventBus();
    protected final List<TicketChanged> published = new CopyOnWriteArrayList<>();
    protected final List<HistoryEntry> hooked = new CopyOnWriteArrayList<>();
    protected Ticketing ticketing;
    protected DbTicketDesk desk;
    protected User agent;
    protected User supervisor;
    protected User admin;
    protected User coordinator;
    protected User engineer;
    protected User handler;
    protected User deptHandler;
    protected User manager;
    protected User deptManager;
    protected User centreHead;
    protected String department;
    protected long departmentId;
    protected Customer customer;

    @BeforeAll
    void openDesk() {
        clock = manual;
        ticketing = new Ticketing(db, manual, 1_000, LockoutPolicy.DEFAULT);
        desk = ticketing.workflow(bus);
        desk.addHook((tx, after, entry) -> hooked.add(entry));
        bus.subscribe(TicketChanged.class, published::add);
        agent = user("agent", Role.AGENT);
        supervisor = user("sup", Role.SUPERVISOR);
        admin = user("admin", Role.ADMIN);
        coordinator = user("coord", Role.COORDINATOR);
        engineer = user("eng", Role.ENGINEER);
        handler = user("handler", Role.COMPLAINT_HANDLER);
        deptHandler = user("dhandler", Role.COMPLAINT_HANDLER);
        manager = user("cmgr", Role.COMPLAINT_MANAGER);
        deptManager = user("dmgr", Role.DEPARTMENT_MANAGER);
        centreHead = user("head", Role.CENTRE_HEAD);
        department = "QA" + SEQUENCE.incrementAndGet();
        departmentId = department(department, deptManager.username(), deptHandler.username());
        customer = ticketing.customers().create("王小明", CustomerClass.ORDINARY,
                List.of("1390000" + String.format("%04d", SEQUENCE.incrementAndGet())));
    }

    @AfterAll
    void closeDesk() {
        ticketing.close();
    }

    protected User user(String prefix, Role... roles) {
        String name = prefix + SEQUENCE.incrementAndGet();
        return ticketing.users().create(name, "显示名 " + name, "pw-secret-123".toCharArray(), Set.of(roles),
                Set.of());
    }

    /** A department with one manager and one member; its id. */
    protected long department(String code, String managerName, String memberName) {
        try (Connection c = testDb.connect()) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO departments (code, name, created_at) "
                    + "VALUES (?, ?, NOW(3))")) {
                st.setString(1, code);
                st.setString(2, "部门 " + code);
                st.executeUpdate();
            }
            long id = queryLong("SELECT id FROM departments WHERE code = ?", code);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO department_members (department_id, user_id, "
                    + "manager) SELECT ?, id, ? FROM users WHERE username = ?")) {
                st.setLong(1, id);
                st.setBoolean(2, true);
                st.setString(3, managerName);
                st.executeUpdate();
                st.setLong(1, id);
                st.setBoolean(2, false);
                st.setString(3, memberName);
                st.executeUpdate();
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected Ticket consultation() {
        return ticketing.tickets().create(new NewTicket(TicketType.CONSULTATION, "系统升级", TicketPriority.NORMAL,
                customer.id(), null, null, ServiceMode.PHONE, "客户询问如何升级系统。"), agent.username());
    }

    protected Ticket complaint(ComplaintClass complaintClass, Severity severity) {
        return ticketing.tickets().create(new NewTicket(TicketType.COMPLAINT, "服务态度", TicketPriority.NORMAL,
                customer.id(), null, null, ServiceMode.PHONE, "客户投诉维修等待时间过长。", complaintClass, severity,
                Channel.PHONE, new Contact(null, null, null)), agent.username());
    }

    protected Ticket repair() {
        return ticketing.tickets().create(new NewTicket(TicketType.REPAIR, "无法开机", TicketPriority.NORMAL,
                customer.id(), null, null, ServiceMode.CARRY_IN, "手机无法开机。", null, null, Channel.PHONE,
                null, "华为 Mate 60", "86" + System.nanoTime() % 10_000_000_000_000L), agent.username());
    }

    /** Takes the action at the ticket's current version and insists that it was done. */
    protected TicketView done(long ticketId, User who, String action, Object... fields) {
        ActionOutcome outcome = act(ticketId, who, action, fields);
        assertThat(outcome).as("%s by %s", action, who.username()).isInstanceOf(ActionOutcome.Done.class);
        return ((ActionOutcome.Done) outcome).ticket();
    }

    protected ActionOutcome act(long ticketId, User who, String action, Object... fields) {
        return desk.act(ticketId, new ActionRequest(action, version(ticketId), map(fields)), who);
    }

    protected long version(long ticketId) {
        return queryLong("SELECT version FROM tickets WHERE id = ?", ticketId);
    }

    protected static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    protected TicketView view(long ticketId, User who) {
        return desk.view(ticketId, who).orElseThrow();
    }

    protected ClockState clock(TicketView v, ClockName name) {
        return v.clocks().stream().filter(c -> c.name() == name).map(ClockView::state).findFirst().orElse(null);
    }

    protected List<String> actions(TicketView v) {
        return v.allowedActions().stream().map(a -> a.action()).toList();
    }

    protected List<String> notificationsOf(String recipient, long ticketId) {
        List<String> kinds = new ArrayList<>();
        try (Connection c = testDb.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT kind, urgent FROM notifications WHERE recipient = ? AND ticket_id = ? ORDER BY id")) {
            st.setString(1, recipient);
            st.setLong(2, ticketId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    kinds.add(rs.getString(1) + (rs.getBoolean(2) ? "!" : ""));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return kinds;
    }

    /** Everything the workflow writes for one ticket, to compare before and after a refused action. */
    protected String snapshot(long ticketId) {
        return queryString("SELECT CONCAT_WS('|', status, version, COALESCE(assignee, '-'), escalation_level, "
                + "(SELECT COUNT(*) FROM ticket_events WHERE ticket_id = t.id), "
                + "(SELECT COUNT(*) FROM ticket_departments WHERE ticket_id = t.id), "
                + "(SELECT COALESCE(GROUP_CONCAT(CONCAT(name, ':', state, ':', COALESCE(due_at, '-')) ORDER BY name), "
                + "'') FROM ticket_clocks WHERE ticket_id = t.id), "
                + "(SELECT COUNT(*) FROM notifications WHERE ticket_id = t.id)) FROM tickets t WHERE id = ?",
                ticketId);
    }

    protected Instant now() {
        return manual.instant();
    }
}
