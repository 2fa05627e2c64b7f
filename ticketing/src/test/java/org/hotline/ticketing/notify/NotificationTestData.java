package org.hotline.ticketing.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.testing.TestDatabase;

/** Users, departments and tickets the notification tests address. */
final class NotificationTestData {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Ticketing ticketing;
    private final TestDatabase testDb;

    NotificationTestData(Ticketing ticketing, TestDatabase testDb) {
        this.ticketing = ticketing;
        this.testDb = testDb;
    }

    String user(String prefix, Role... roles) {
        String name = prefix + SEQUENCE.incrementAndGet();
        ticketing.users().create(name, "显示名 " + name, "pw-secret-123".toCharArray(), Set.of(roles), Set.of());
        return name;
    }

    long ticket() {
        return ticketing.tickets().create(new NewTicket(TicketType.CONSULTATION, "咨询", TicketPriority.NORMAL, null,
                null, null, ServiceMode.PHONE, "客户询问保修政策。"), "agent1").id();
    }

    /** A department with {@code managers} (manager = 1) and {@code members}. */
    long department(Set<String> managers, Set<String> members) {
        String code = "D" + SEQUENCE.incrementAndGet();
        try (Connection c = testDb.connect()) {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO departments (code, name, created_at) "
                    + "VALUES (?, ?, NOW(3))")) {
                st.setString(1, code);
                st.setString(2, "部门 " + code);
                st.executeUpdate();
            }
            long id;
            try (var st = c.prepareStatement("SELECT id FROM departments WHERE code = ?")) {
                st.setString(1, code);
                try (var rs = st.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            for (String m : managers) {
                addMember(c, id, m, true);
            }
            for (String m : members) {
                addMember(c, id, m, false);
            }
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addMember(Connection c, long department, String user, boolean manager) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO department_members (department_id, user_id, "
                + "manager) SELECT ?, id, ? FROM users WHERE username = ?")) {
            st.setLong(1, department);
            st.setBoolean(2, manager);
            st.setString(3, user);
            st.executeUpdate();
        }
    }
}
