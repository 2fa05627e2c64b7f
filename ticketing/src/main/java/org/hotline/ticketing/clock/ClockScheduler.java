package org.hotline.ticketing.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.Times;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.calendar.BusinessCalendar;
import org.hotline.ticketing.calendar.DbCalendars;
import org.hotline.ticketing.clock.ClockMapper.AlarmRow;
import org.hotline.ticketing.clock.ClockMapper.ClockRow;
import org.hotline.ticketing.clock.ClockMapper.SubjectRow;
import org.hotline.ticketing.clock.SchedulerMapper.DepartmentRow;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.SqlErrors;
import org.hotline.ticketing.notify.NotificationWriter;
import org.hotline.ticketing.support.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires what fell due: clock deadlines (→ BREACHED, one append-only {@code clock_breaches} row), escalation-ladder
 * alarms (notifications, the workflow's escalate) and the daily check of each department. Safe with several nodes on
 * one database: every due row is claimed with {@code SELECT … FOR UPDATE SKIP LOCKED} and changed in the claiming
 * transaction, so each fires exactly once; a node that was down fires what fell due meanwhile and records how late.
 * {@link #runOnce} does one pass at a given instant (tests drive it with a manual clock); {@link #start} runs it
 * every interval on a single scheduler thread.
 */
public final class ClockScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClockScheduler.class);
    private static final int BATCH = 200;
    private static final int MAX_ALARMS_PER_RUN = 10_000;
    private static final int LISTED = 20;
    private static final int ALARM_BATCH = 50;

    /** When and how: {@code dailyCheckAt} is the local time of each department's calendar. */
    public record Settings(String node, Duration interval, LocalTime dailyCheckAt) {
        public static Settings defaults(String node) {
            return new Settings(node, Duration.ofSeconds(15), LocalTime.of(8, 30));
        }
    }

    /** What one pass did. */
    public record Report(int breaches, int alarms, int dailyChecks) {
    }

    private final Database db;
    private final DbCalendars calendars;
    private final NotificationWriter notifications;
    private final Escalator escalator;
    private final Settings settings;
    private final Clock clock;
    private Periodic executor;

    public ClockScheduler(Database db, DbCalendars calendars, NotificationWriter notifications, Escalator escalator,
                          Settings settings, Clock clock) {
        this.db = db;
        this.calendars = calendars;
        this.notifications = notifications;
        this.escalator = escalator;
        this.settings = settings;
        this.clock = clock;
        db.registerMapper(ClockMapper.class);
        db.registerMapper(SchedulerMapper.class);
    }

    /** This node's name when none is configured: $HOSTNAME (no name lookup) and the process id. */
    public static String defaultNode() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = "node";
        }
        String node = host + "-" + ProcessHandle.current().pid();
        return node.length() > 64 ? node.substring(node.length() - 64) : node;
    }

    /** Runs {@link #runOnce} every interval from now on (idempotent). */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = new Periodic("clock-scheduler", LOG, Duration.ZERO).every(settings.interval(),
                "clock scheduler pass failed (retried at the next one)", () -> runOnce(Times.now(clock)));
    }

    /** One pass at {@code now}: deadlines first, then alarms, then the daily checks. */
    public Report runOnce(Instant now) {
        int breaches = fireDeadlines(now);
        int alarms = 0;
        java.util.Set<Long> busy = new java.util.HashSet<>();
        while (alarms < MAX_ALARMS_PER_RUN) {
            int fired;
            try {
                fired = fireAlarmBatch(now, busy);
            } catch (RuntimeException e) { // nothing of the batch was written: the same alarms one at a time
                LOG.info("alarm batch failed ({}), firing one at a time", e.toString());
                fired = fireSingly(now, busy);
            }
            if (fired < 0) {
                break;
            }
            alarms += fired;
        }
        int checks = dailyChecks(now);
        return new Report(breaches, alarms, checks);
    }

    private int fireDeadlines(Instant now) {
        int total = 0;
        while (true) {
            int n = db.inTransaction(s -> {
                ClockMapper m = s.getMapper(ClockMapper.class);
                List<ClockRow> due = m.claimDueClocks(now, BATCH);
                for (ClockRow c : due) {
                    if (m.markBreached(c.ticketId(), c.name(), now) == 1) {
                        m.insertBreach(c, now, Duration.between(c.dueAt(), now).toMillis(), settings.node());
                    }
                }
                return due.size();
            });
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }

    private enum Fired { NONE, FIRED, BUSY }

    /**
     * Claims up to {@value #ALARM_BATCH} due alarms and fires them in one transaction (one commit for many alarms);
     * -1 when none could be claimed. An alarm whose ticket a workflow step holds is left (see {@link #fireOneAlarm}).
     */
    private int fireAlarmBatch(Instant now, java.util.Set<Long> busy) {
        return db.inTransaction(s -> {
            ClockMapper m = s.getMapper(ClockMapper.class);
            List<AlarmRow> due = m.claimDueAlarms(now, busy, ALARM_BATCH);
            if (due.isEmpty()) {
                return -1;
            }
            int fired = 0;
            for (AlarmRow a : due) {
                if (busy.contains(a.ticketId()) || m.lockTicketUnlessBusy(a.ticketId()) == null) {
                    busy.add(a.ticketId());
                    continue;
                }
                String outcome = fire(s, m, a, now);
                m.markFired(a.id(), now, Duration.between(a.dueAt(), now).toMillis(), settings.node(), outcome);
                fired++;
            }
            return fired;
        });
    }

    /** Up to {@value #ALARM_BATCH} alarms, each in its own transaction; -1 when none was due. */
    private int fireSingly(Instant now, java.util.Set<Long> busy) {
        int fired = 0;
        for (int i = 0; i < ALARM_BATCH; i++) {
            Fired f = fireOneAlarm(now, busy);
            if (f == Fired.NONE) {
                return i == 0 ? -1 : fired;
            }
            fired += f == Fired.FIRED ? 1 : 0;
        }
        return fired;
    }

    /**
     * Claims, fires and marks one due alarm in one transaction. NONE when none is due (or the others hold them);
     * BUSY when the alarm's ticket is locked by a workflow step: it is left for the next pass, and its ticket added
     * to {@code busy} so that this pass moves on. (A workflow step locks the ticket, then its clocks and alarms; an
     * alarm holding its row must not wait for the ticket, which escalating or a notification's foreign key would.)
     */
    private Fired fireOneAlarm(Instant now, java.util.Set<Long> busy) {
        long[] claimed = {-1};
        long[] ticket = {-1};
        try {
            return db.inTransaction(s -> {
                ClockMapper m = s.getMapper(ClockMapper.class);
                AlarmRow a = m.claimDueAlarm(now, busy);
                if (a == null) {
                    return Fired.NONE;
                }
                if (m.lockTicketUnlessBusy(a.ticketId()) == null) {
                    busy.add(a.ticketId());
                    return Fired.BUSY; // nothing written; committing releases the alarm row
                }
                claimed[0] = a.id();
                ticket[0] = a.ticketId();
                String outcome = fire(s, m, a, now);
                m.markFired(a.id(), now, Duration.between(a.dueAt(), now).toMillis(), settings.node(), outcome);
                return Fired.FIRED;
            });
        } catch (RuntimeException e) {
            if (claimed[0] < 0) {
                throw e;
            }
            if (SqlErrors.isTransient(e)) { // deadlock victim, lost connection: still PENDING, next pass
                LOG.info("alarm {} not fired now ({}), retried at the next pass", claimed[0], e.toString());
                busy.add(ticket[0]);
                return Fired.BUSY;
            }
            LOG.warn("alarm {} failed, marked FAILED: {}", claimed[0], e.toString());
            db.inTransaction(s -> s.getMapper(ClockMapper.class).markFired(claimed[0], now, 0, settings.node(),
                    "FAILED"));
            return Fired.FIRED;
        }
    }

    private String fire(SqlSession tx, ClockMapper m, AlarmRow a, Instant now) {
        SubjectRow subject = m.subject(a.ticketId());
        if (subject == null) {
            return "NO_SUBJECT";
        }
        Map<String, String> params = new HashMap<>();
        params.put("clock", a.clock().name());
        params.put("number", subject.number() == null ? String.valueOf(a.ticketId()) : subject.number());
        params.put("alarmAt", a.dueAt().toString());
        String kind = switch (a.action()) {
            case WARN -> "clock.warning";
            case NOTIFY -> "clock.overdue";
            case ESCALATE -> "clock.escalated";
        };
        String outcome = "NOTIFIED";
        if (a.action() == SlaPolicies.Action.ESCALATE) {
            boolean escalated = escalator.escalate(tx, a.ticketId(), "clock " + a.clock() + " overdue", now);
            if (!escalated) {
                kind = "clock.overdue";
                outcome = "NOT_ESCALATED";
            } else {
                outcome = "ESCALATED";
            }
        }
        boolean sent = notify(tx, subject, a.target(), kind, params, now);
        return sent ? outcome : outcome.equals("NOTIFIED") ? "NO_RECIPIENT" : outcome;
    }

    private boolean notify(SqlSession tx, SubjectRow subject, String target, String kind, Map<String, String> params,
                           Instant now) {
        long ticketId = subject.ticketId();
        boolean urgent = subject.urgent();
        if (target.equals("ASSIGNEE")) {
            if (subject.assignee() == null || subject.assignee().isBlank()) {
                return false;
            }
            notifications.toUsers(tx, List.of(subject.assignee()), kind, params, ticketId, urgent, now);
        } else if (target.equals("DEPARTMENT_MANAGERS")) {
            List<Long> ids = departmentIds(subject.departmentIds());
            if (ids.isEmpty()) {
                notifications.toRole(tx, Role.COMPLAINT_MANAGER, kind, params, ticketId, urgent, now);
            } else {
                notifications.toDepartmentManagers(tx, ids, kind, params, ticketId, urgent, now);
            }
        } else {
            notifications.toRole(tx, Role.valueOf(target.substring("ROLE:".length())), kind, params, ticketId, urgent,
                    now);
        }
        return true;
    }

    /** The first {@value #LISTED} ticket numbers, comma-separated, with "…" when there are more. */
    private static String numbers(List<String> numbers) {
        String listed = String.join(",", numbers.subList(0, Math.min(LISTED, numbers.size())));
        return numbers.size() > LISTED ? listed + ",…" : listed;
    }

    static List<Long> departmentIds(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(Long::valueOf).toList();
    }

    /** Each department's check once per local working day, at or after the configured time of its calendar. */
    private int dailyChecks(Instant now) {
        return db.inTransaction(s -> {
            SchedulerMapper m = s.getMapper(SchedulerMapper.class);
            int sent = 0;
            for (DepartmentRow d : m.departmentsWithManagers()) {
                BusinessCalendar cal = calendars.calendar(s, d.calendarCode());
                LocalDate today = LocalDate.ofInstant(now, cal.zone());
                Instant checkAt = today.atTime(settings.dailyCheckAt()).atZone(cal.zone()).toInstant();
                if (now.isBefore(checkAt) || cal.periodsOn(today).isEmpty() || m.checked(today, d.id()) > 0) {
                    continue;
                }
                List<String> stalled = m.stalled(d.id(), now);
                List<String> overdue = m.overdue(d.id(), now);
                if (m.claimDailyCheck(today, d.id(), settings.node(), now, stalled.size(), overdue.size()) == 1) {
                    notifications.toDepartmentManagers(s, List.of(d.id()), "daily.check",
                            Map.of("department", d.code(), "day", today.toString(),
                                    "stalled", String.valueOf(stalled.size()), "overdue", String.valueOf(overdue.size()),
                                    "stalledTickets", numbers(stalled), "overdueTickets", numbers(overdue)),
                            null, false, now);
                    sent++;
                }
            }
            return sent;
        });
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.close();
            executor = null;
        }
    }
}
