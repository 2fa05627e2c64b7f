package org.hotline.bench.tickets;

import org.hotline.bench.db.ScratchDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.ticket.workflow.ActionOutcome;
import org.hotline.platform.ticket.workflow.ActionRequest;
import org.hotline.platform.ticket.workflow.TicketFilter;
import org.hotline.platform.user.User;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.clock.ClockScheduler;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.DatabaseConfig;
import org.hotline.ticketing.user.LockoutPolicy;
import org.hotline.ticketing.workflow.DbTicketDesk;

/**
 * {@code hotline bench tickets}: the back office at scale. In a database of its own on a MariaDB/MySQL server it
 * seeds N open tickets (complaints, repairs, consultations; 10 departments, 200 handlers) with their running SLA
 * clocks and ladder alarms in bulk SQL, then measures through the real code: the worklist query of handlers,
 * department managers and the coordinator ({@link DbTicketDesk#worklist}), one action ({@code comment}, which also
 * restarts the STAGNATION clock and rewrites its alarms) in its transaction, the overdue filter, and the clock
 * scheduler's cost per simulated minute (one {@link ClockScheduler#runOnce} per minute for an hour, plus the empty
 * passes of the default 15 s interval), after a catch-up pass as if every node had been down for ten minutes. Seeded
 * due times are spread over ten days (about 5 % already overdue, breached and their alarms fired as a running
 * cluster would have) and ladder offsets are taken as wall minutes. The database is dropped at the end unless
 * {@code keep}.
 */
public final class TicketsBenchmark {
    private static final int DEPARTMENTS = 10;
    private static final int HANDLERS = 200;
    private static final int BATCH = 1000;

    public record Options(String serverUrl, String user, String password, int tickets, int samples, boolean keep) {
    }

    private TicketsBenchmark() {
    }

    public static String run(Options o) throws Exception {
        StringBuilder out = new StringBuilder();
        try (ScratchDatabase db = ScratchDatabase.create(o.serverUrl(), o.user(), o.password(), "tickets", o.keep())) {
            bench(o, db.url(), out);
            if (db.kept()) {
                out.append("database kept: ").append(db.name()).append('\n');
            }
        }
        return out.toString();
    }

    private static void bench(Options o, String url, StringBuilder out) throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try (Database db = Database.open(new DatabaseConfig(url, o.user(), o.password(), 8))) {
            Ticketing ticketing = new Ticketing(db, Clock.systemUTC(), 100_000, LockoutPolicy.DEFAULT);
            DbTicketDesk desk = ticketing.workflow("bench", new LocalEventBus());
            long t0 = System.nanoTime();
            seed(db, o.tickets(), now);
            long seedMs = (System.nanoTime() - t0) / 1_000_000;
            out.append(String.format(Locale.ROOT, "seeded %,d open tickets, %,d clocks, %,d alarms in %.1f s%n",
                    o.tickets(), count(db, "ticket_clocks"), count(db, "clock_alarms"), seedMs / 1000.0));

            ClockScheduler scheduler = ticketing.clockScheduler(ticketing.notificationWriter(), desk,
                    new ClockScheduler.Settings("bench", Duration.ofSeconds(15), LocalTime.of(8, 30)));
            t0 = System.nanoTime();
            ClockScheduler.Report catchUp = scheduler.runOnce(now.plus(Duration.ofMinutes(10)));
            out.append(String.format(Locale.ROOT, "scheduler catch-up after every node was down for 10 minutes: "
                    + "%d breaches, %d alarms in %.0f ms (one pass)%n",
                    catchUp.breaches(), catchUp.alarms(), (System.nanoTime() - t0) / 1e6));

            List<User> handlers = users(ticketing, "h", 20, HANDLERS / 20);
            List<User> managers = users(ticketing, "mgr", DEPARTMENTS, 1);
            User coordinator = ticketing.users().find("coord1").orElseThrow();
            worklist(out, "worklist, handler (≈500 tickets assigned)", desk, handlers, o.samples());
            worklist(out, "worklist, department manager (≈" + o.tickets() / DEPARTMENTS + " tickets)", desk, managers,
                    o.samples());
            worklist(out, "worklist, coordinator (hand-off queue)", desk, List.of(coordinator), o.samples());
            actions(out, ticketing, desk, o);
            overdueFilter(out, desk, managers.get(0), Math.max(20, o.samples() / 5));
            schedulerMinutes(out, scheduler, now.plus(Duration.ofMinutes(10)));
        }
    }

    // ---- seed

    private static void seed(Database db, int tickets, Instant now) throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Timestamp at = Timestamp.valueOf(now.atOffset(ZoneOffset.UTC).toLocalDateTime());
            try (PreparedStatement d = c.prepareStatement("INSERT INTO departments (id, code, name, created_at) "
                    + "VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= DEPARTMENTS; i++) {
                    d.setInt(1, i);
                    d.setString(2, String.format("d%02d", i));
                    d.setString(3, "部门 " + i);
                    d.setTimestamp(4, at);
                    d.addBatch();
                }
                d.executeBatch();
            }
            List<String[]> users = new ArrayList<>(); // username, role, department, manager
            for (int i = 1; i <= DEPARTMENTS; i++) {
                users.add(new String[] {String.format("mgr%02d", i), "DEPARTMENT_MANAGER", String.valueOf(i), "1"});
            }
            for (int k = 0; k < HANDLERS; k++) {
                users.add(new String[] {String.format("h%03d", k), "COMPLAINT_HANDLER",
                        String.valueOf(k % DEPARTMENTS + 1), "0"});
            }
            users.add(new String[] {"coord1", "COORDINATOR", null, "0"});
            users.add(new String[] {"head1", "CENTRE_HEAD", null, "0"});
            try (PreparedStatement u = c.prepareStatement("INSERT INTO users (id, username, display_name, "
                    + "password_hash, created_at) VALUES (?, ?, ?, 'bench-no-login', ?)");
                 PreparedStatement r = c.prepareStatement("INSERT INTO user_roles (user_id, role) VALUES (?, ?)");
                 PreparedStatement m = c.prepareStatement("INSERT INTO department_members (department_id, user_id, "
                         + "manager) VALUES (?, ?, ?)")) {
                int id = 1000;
                for (String[] x : users) {
                    id++;
                    u.setInt(1, id);
                    u.setString(2, x[0]);
                    u.setString(3, x[0]);
                    u.setTimestamp(4, at);
                    u.addBatch();
                    r.setInt(1, id);
                    r.setString(2, x[1]);
                    r.addBatch();
                    if (x[2] != null) {
                        m.setInt(1, Integer.parseInt(x[2]));
                        m.setInt(2, id);
                        m.setInt(3, Integer.parseInt(x[3]));
                        m.addBatch();
                    }
                }
                u.executeBatch();
                r.executeBatch();
                m.executeBatch();
            }
            c.commit();
            seedTickets(c, tickets, at);
            bulk(c, at, "INSERT INTO ticket_departments (ticket_id, department_id) SELECT id, id % 10 + 1 FROM tickets");
            // RESOLUTION (all but hand-offs) from 12 h overdue to 10 days ahead; STAGNATION 1 h overdue to 2 days
            bulk(c, at, clocks("RESOLUTION", "(t.id * 7919) % 14400 - 720", 27 * 3_600_000L, "BUSINESS",
                    "t.`status` <> 'HANDED_OFF'"));
            bulk(c, at, clocks("STAGNATION", "(t.id * 104729) % 2880 - 60", 4 * 3_600_000L, "BUSINESS",
                    "t.`status` <> 'HANDED_OFF'"));
            bulk(c, at, clocks("HAND_OFF", "t.id % 15", 15 * 60_000L, "WALL", "t.`status` = 'HANDED_OFF'"));
            bulk(c, at, "INSERT INTO ticket_clock_subjects (ticket_id, `number`, assignee, department_ids, urgent, "
                    + "updated_at) SELECT id, `number`, assignee, CAST(id % 10 + 1 AS CHAR), COALESCE(severity = 'MAJOR', 0), ? "
                    + "FROM tickets");
            Object[][] ladder = {
                {"RESOLUTION", 0, -30, "WARN", "ASSIGNEE"}, {"RESOLUTION", 1, 0, "ESCALATE", "DEPARTMENT_MANAGERS"},
                {"RESOLUTION", 2, 120, "NOTIFY", "ROLE:CENTRE_HEAD"}, {"STAGNATION", 0, 0, "WARN", "ASSIGNEE"},
                {"STAGNATION", 1, 0, "NOTIFY", "DEPARTMENT_MANAGERS"}, {"HAND_OFF", 0, -5, "WARN", "ROLE:COORDINATOR"},
                {"HAND_OFF", 1, 0, "NOTIFY", "ROLE:SUPERVISOR"}};
            for (Object[] s : ladder) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO clock_alarms (ticket_id, clock, run, step, "
                        + "`action`, target, status, due_at) SELECT ticket_id, name, 1, ?, ?, ?, 'PENDING', "
                        + "DATE_ADD(due_at, INTERVAL ? MINUTE) FROM ticket_clocks WHERE name = ?")) {
                    p.setInt(1, (Integer) s[1]);
                    p.setString(2, (String) s[3]);
                    p.setString(3, (String) s[4]);
                    p.setInt(4, (Integer) s[2]);
                    p.setString(5, (String) s[0]);
                    p.executeUpdate();
                }
                c.commit();
            }
            // steady state: what fell due before now was fired by the (imaginary) nodes that ran until now
            bulk(c, at, "INSERT INTO clock_breaches (ticket_id, clock, run, policy, due_at, recorded_at, late_ms, "
                    + "recorded_by) SELECT ticket_id, name, 1, policy, due_at, due_at, 0, 'seed' FROM ticket_clocks "
                    + "WHERE due_at <= ?");
            bulk(c, at, "UPDATE ticket_clocks SET state = 'BREACHED', breached_at = due_at WHERE due_at <= ?");
            bulk(c, at, "UPDATE clock_alarms SET status = 'FIRED', fired_at = due_at, late_ms = 0, claimed_by = 'seed', "
                    + "outcome = 'SEEDED' WHERE due_at <= ?");
            bulk(c, at, "UPDATE tickets t SET next_due_at = COALESCE((SELECT MIN(n.due_at) FROM ticket_clocks n "
                    + "WHERE n.ticket_id = t.id AND n.stopped_at IS NULL AND n.state IN ('RUNNING','BREACHED')), "
                    + "'9999-12-31 23:59:59.999') WHERE t.id > 0 AND ? IS NOT NULL");
            try (Statement st = c.createStatement()) {
                for (String t : List.of("tickets", "ticket_departments", "ticket_clocks", "clock_alarms",
                        "ticket_clock_subjects")) {
                    st.execute("ANALYZE TABLE " + t);
                }
            }
            c.commit();
        }
    }

    private static void seedTickets(Connection c, int tickets, Timestamp at) throws SQLException {
        String sql = "INSERT INTO tickets (id, `number`, `type`, category, priority, `status`, service_mode, "
                + "description, assignee, created_by, created_at, updated_at, complaint_class, severity, contact_phone) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'agent1', ?, ?, ?, ?, ?)";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int id = 1; id <= tickets; id++) {
                int kind = id % 10;
                String type = kind < 5 ? "COMPLAINT" : kind < 8 ? "REPAIR" : "CONSULTATION";
                boolean handedOff = type.equals("CONSULTATION") && id % 20 == 8;
                p.setInt(1, id);
                p.setString(2, String.format("B%07d", id));
                p.setString(3, type);
                p.setString(4, type.equals("COMPLAINT") ? "服务质量" : type.equals("REPAIR") ? "屏幕故障" : "使用咨询");
                p.setString(5, id % 50 == 0 ? "URGENT" : "NORMAL");
                p.setString(6, handedOff ? "HANDED_OFF" : type.equals("REPAIR") ? "ASSIGNED" : "IN_PROGRESS");
                p.setString(7, type.equals("REPAIR") ? "CARRY_IN" : "PHONE");
                p.setString(8, "压测工单 " + id + "：客户反映的问题，处理中。");
                p.setString(9, handedOff ? null : String.format("h%03d", id % HANDLERS));
                Timestamp created = new Timestamp(at.getTime() - (id % 43_200) * 60_000L);
                p.setTimestamp(10, created);
                p.setTimestamp(11, created);
                p.setString(12, type.equals("COMPLAINT") ? "SERVICE_QUALITY" : null);
                p.setString(13, type.equals("COMPLAINT") ? (id % 100 == 0 ? "MAJOR" : "NORMAL") : null);
                p.setString(14, String.format("139%08d", id));
                p.addBatch();
                if (id % BATCH == 0 || id == tickets) {
                    p.executeBatch();
                    c.commit();
                }
            }
        }
    }

    private static String clocks(String name, String minutesFromNow, long targetMs, String basis, String where) {
        return "INSERT INTO ticket_clocks (ticket_id, name, state, due_at, started_at, policy, target_ms, basis, "
                + "calendar_code, run, updated_at) SELECT t.id, '" + name + "', 'RUNNING', DATE_ADD(?, INTERVAL "
                + minutesFromNow + " MINUTE), t.created_at, 'bench@1', " + targetMs + ", '" + basis + "', 'default', 1, "
                + "t.created_at FROM tickets t WHERE " + where;
    }

    /** One set-based statement whose parameters are all {@code at}. */
    private static void bulk(Connection c, Timestamp at, String sql) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int n = p.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= n; i++) {
                p.setTimestamp(i, at);
            }
            p.executeUpdate();
        }
        c.commit();
    }

    private static long count(Database db, String table) {
        return db.withSession(s -> {
            try (Statement st = s.getConnection().createStatement();
                 var rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static List<User> users(Ticketing t, String prefix, int n, int stride) {
        List<User> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = prefix.equals("h") ? String.format("h%03d", i * stride) : String.format("mgr%02d", i + 1);
            out.add(t.users().find(name).orElseThrow());
        }
        return out;
    }

    // ---- measurements

    private static void worklist(StringBuilder out, String what, DbTicketDesk desk, List<User> users, int samples) {
        for (int i = 0; i < Math.min(20, samples); i++) {
            desk.worklist(users.get(i % users.size()), 50); // warm-up
        }
        long[] ns = new long[samples];
        int rows = 0;
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            rows += desk.worklist(users.get(i % users.size()), 50).size();
            ns[i] = System.nanoTime() - t;
        }
        out.append(line(what + ", 50 rows", ns)).append(String.format(Locale.ROOT, "  (%.0f rows each)%n",
                rows / (double) samples));
    }

    private static void actions(StringBuilder out, Ticketing ticketing, DbTicketDesk desk, Options o) {
        Random random = new Random(8);
        List<Long> ns = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < o.samples() + 20; i++) {
            long id = 1 + random.nextInt(o.tickets());
            if (id % 20 == 8) {
                id++; // a hand-off has no assignee to act
            }
            User actor = ticketing.users().find(String.format("h%03d", id % HANDLERS)).orElseThrow();
            long version = desk.view(id, actor).orElseThrow().version();
            ActionRequest comment = new ActionRequest("comment", version,
                    Map.of("text", "已联系客户，等待回复。", "visibleToCustomer", false));
            long t = System.nanoTime();
            ActionOutcome outcome = desk.act(id, comment, actor);
            long took = System.nanoTime() - t;
            if (!(outcome instanceof ActionOutcome.Done)) {
                refused++;
            } else if (i >= 20) {
                ns.add(took);
            }
        }
        out.append(line("action (comment: ticket, STAGNATION clock and alarms, history, one tx)",
                ns.stream().mapToLong(Long::longValue).toArray()));
        out.append(refused == 0 ? "\n" : "  (" + refused + " refused)\n");
    }

    private static void overdueFilter(StringBuilder out, DbTicketDesk desk, User manager, int samples) {
        TicketFilter filter = new TicketFilter(null, null, null, "d01", true, false, null, null, 50, 0, null);
        long[] ns = new long[samples];
        for (int i = 0; i < samples; i++) {
            long t = System.nanoTime();
            desk.search(filter, manager);
            ns[i] = System.nanoTime() - t;
        }
        out.append(line("overdue=true&department=d01, 50 rows", ns)).append('\n');
    }

    private static void schedulerMinutes(StringBuilder out, ClockScheduler scheduler, Instant start) {
        int minutes = 60;
        long[] ns = new long[minutes];
        int breaches = 0;
        int alarms = 0;
        for (int m = 1; m <= minutes; m++) {
            long t = System.nanoTime();
            ClockScheduler.Report r = scheduler.runOnce(start.plus(Duration.ofMinutes(m)));
            ns[m - 1] = System.nanoTime() - t;
            breaches += r.breaches();
            alarms += r.alarms();
        }
        long[] empty = new long[20];
        Instant last = start.plus(Duration.ofMinutes(minutes));
        for (int i = 0; i < empty.length; i++) {
            long t = System.nanoTime();
            scheduler.runOnce(last);
            empty[i] = System.nanoTime() - t;
        }
        double perMinute = Arrays.stream(ns).average().orElse(0) / 1e6 + 3 * Arrays.stream(empty).average().orElse(0) / 1e6;
        out.append(String.format(Locale.ROOT, "scheduler, one simulated hour: %d breaches and %d alarms fired "
                + "(%.1f per minute)%n", breaches, alarms, (breaches + alarms) / (double) minutes));
        out.append(line("  pass with one minute's due rows", ns)).append('\n');
        out.append(line("  pass with nothing due", empty)).append('\n');
        out.append(String.format(Locale.ROOT, "  cost per minute at a 15 s interval (1 busy + 3 empty passes): "
                + "%.1f ms of one node, %.2f %% of one core at most%n", perMinute, perMinute / 600.0));
    }

    private static String line(String what, long[] ns) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%-72s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (n=%d)", what,
                pct(sorted, 0.50), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                sorted.length);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
