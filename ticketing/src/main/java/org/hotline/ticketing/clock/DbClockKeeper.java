package org.hotline.ticketing.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.platform.ticket.workflow.ClockState;
import org.hotline.platform.ticket.workflow.ClockView;
import org.hotline.ticketing.calendar.BusinessCalendar;
import org.hotline.ticketing.calendar.DbCalendars;
import org.hotline.ticketing.clock.ClockMapper.ClockRow;
import org.hotline.ticketing.clock.ClockMapper.SubjectRow;
import org.hotline.ticketing.db.Database;

/**
 * {@link ClockKeeper} on {@code ticket_clocks}: every change happens in the workflow step's transaction with the
 * ticket's clock rows locked, so a clock and its alarms always agree with the ticket. A due time is the start plus
 * the policy's target on the calendar of the ticket's first department (or the wall clock); a pause keeps the
 * remaining business time and drops the due time; a resume counts the remainder from then. Alarms (the ladder) are
 * rewritten whenever the due time moves; a step that already fired in this run is not fired again.
 *
 * <p>A MET or BREACHED clock is started afresh (a new run) only when the ticket had been resolved, i.e. the workflow
 * had stopped its RESOLUTION clock: that is a reopen. STAGNATION is restarted by every qualifying activity until the
 * workflow stops it (a breached one too: the activity ends the stall).
 */
public final class DbClockKeeper implements ClockKeeper {
    private static final String WALL_CALENDAR = "24x7";

    private final SlaPolicies policies;
    private final DbCalendars calendars;
    private final String node;

    public DbClockKeeper(Database db, SlaPolicies policies, DbCalendars calendars, String node) {
        this.policies = policies;
        this.calendars = calendars;
        this.node = node;
        db.registerMapper(ClockMapper.class);
    }

    public SlaPolicies policies() {
        return policies;
    }

    @Override
    public void apply(SqlSession tx, ClockSubject subject, ClockEffects effects, Instant now) {
        ClockMapper m = tx.getMapper(ClockMapper.class);
        m.upsertSubject(new SubjectRow(subject.ticketId(), subject.number(), subject.assignee(),
                subject.departmentIds().stream().map(String::valueOf).collect(Collectors.joining(",")),
                subject.severity() == Severity.MAJOR), now);
        if (effects.equals(ClockEffects.NONE)) {
            return;
        }
        Map<ClockName, ClockRow> rows = new EnumMap<>(ClockName.class);
        for (ClockRow r : m.lockClocks(subject.ticketId())) {
            rows.put(r.name(), r);
        }
        ClockRow resolution = rows.get(ClockName.RESOLUTION);
        boolean reopen = resolution != null && resolution.stopped();
        String calendarCode = calendars.codeForDepartments(tx, subject.departmentIds());

        for (ClockName name : effects.stop()) {
            ClockRow r = rows.get(name);
            if (r != null && !isFinal(r.state())) {
                stop(m, r, now);
            } else if (r != null) {
                m.markStopped(r.ticketId(), r.name(), now); // breached by the scheduler, now dealt with
            }
        }
        for (ClockName name : effects.start()) {
            ClockRow r = rows.get(name);
            if (r == null) {
                start(tx, m, subject, name, 1, calendarCode, now, true);
            } else if (isFinal(r.state()) && (reopen || name == ClockName.STAGNATION)) {
                start(tx, m, subject, name, r.run() + 1, calendarCode, now, false);
            }
        }
        if (effects.pause() != null) {
            ClockRow r = current(m, subject.ticketId(), effects.pause());
            if (r != null && r.state() == ClockState.RUNNING) {
                pause(tx, m, r, effects.pauseReason(), now);
            }
        }
        if (effects.resume() != null) {
            ClockRow r = current(m, subject.ticketId(), effects.resume());
            if (r != null && r.state() == ClockState.PAUSED) {
                resume(tx, m, r, now);
            }
        }
        if (effects.activity() && !effects.stop().contains(ClockName.STAGNATION)
                && !effects.start().contains(ClockName.STAGNATION)) {
            ClockRow r = current(m, subject.ticketId(), ClockName.STAGNATION);
            if (r != null && r.state() != ClockState.PAUSED && !r.stopped()) {
                start(tx, m, subject, ClockName.STAGNATION, r.run() + 1, calendarCode, now, false);
            }
        }
        m.refreshNextDue(subject.ticketId());
    }

    private static ClockRow current(ClockMapper m, long ticketId, ClockName name) {
        return m.clocks(ticketId).stream().filter(c -> c.name() == name).findFirst().orElse(null);
    }

    private static boolean isFinal(ClockState s) {
        return s == ClockState.MET || s == ClockState.BREACHED;
    }

    private void stop(ClockMapper m, ClockRow r, Instant now) {
        boolean late = r.state() == ClockState.RUNNING && r.dueAt() != null && !r.dueAt().isAfter(now);
        ClockRow stopped = new ClockRow(r.ticketId(), r.name(), late ? ClockState.BREACHED : ClockState.MET,
                r.dueAt(), r.startedAt(), null, null, r.remainingMs(), late ? null : now, late ? r.dueAt() : null,
                r.policy(), r.targetMs(), r.basis(), r.calendarCode(), r.run(), null);
        m.updateClock(stopped, now);
        m.markStopped(r.ticketId(), r.name(), now);
        if (late) {
            m.insertBreach(stopped, now, Duration.between(r.dueAt(), now).toMillis(), node);
        }
        m.cancelPendingAlarms(r.ticketId(), r.name());
    }

    private void start(SqlSession tx, ClockMapper m, ClockSubject subject, ClockName name, int run,
                       String calendarCode, Instant now, boolean insert) {
        SlaPolicies.Target target = policies.target(subject, name);
        String code = target.basis() == SlaPolicies.Basis.WALL ? WALL_CALENDAR : calendarCode;
        Instant due = dueAt(tx, target.basis(), code, now, target.duration());
        ClockRow row = new ClockRow(subject.ticketId(), name, ClockState.RUNNING, due, now, null, null, null, null,
                null, target.policy(), target.duration().toMillis(), target.basis(), code, run, null);
        if (insert) {
            m.insertClock(row, now);
        } else {
            m.deletePendingAlarms(subject.ticketId(), name);
            m.updateClock(row, now);
        }
        writeAlarms(tx, m, row);
    }

    private void pause(SqlSession tx, ClockMapper m, ClockRow r, String reason, Instant now) {
        if (!r.dueAt().isAfter(now)) {
            // too late to pause: the deadline has passed; breached as the scheduler would, its ladder goes on
            if (m.markBreached(r.ticketId(), r.name(), now) == 1) {
                m.insertBreach(r, now, Duration.between(r.dueAt(), now).toMillis(), node);
            }
            return;
        }
        long remaining = r.basis() == SlaPolicies.Basis.WALL ? Duration.between(now, r.dueAt()).toMillis()
                : calendar(tx, r.calendarCode()).between(now, r.dueAt()).toMillis();
        m.updateClock(new ClockRow(r.ticketId(), r.name(), ClockState.PAUSED, null, r.startedAt(), now, reason,
                remaining, null, null, r.policy(), r.targetMs(), r.basis(), r.calendarCode(), r.run(), null), now);
        m.deletePendingAlarms(r.ticketId(), r.name());
    }

    private void resume(SqlSession tx, ClockMapper m, ClockRow r, Instant now) {
        Instant due = dueAt(tx, r.basis(), r.calendarCode(), now, Duration.ofMillis(r.remainingMs()));
        ClockRow running = new ClockRow(r.ticketId(), r.name(), ClockState.RUNNING, due, r.startedAt(), null, null,
                null, null, null, r.policy(), r.targetMs(), r.basis(), r.calendarCode(), r.run(), null);
        m.updateClock(running, now);
        writeAlarms(tx, m, running);
    }

    private Instant dueAt(SqlSession tx, SlaPolicies.Basis basis, String code, Instant from, Duration amount) {
        return basis == SlaPolicies.Basis.WALL ? from.plus(amount) : calendar(tx, code).plus(from, amount);
    }

    private BusinessCalendar calendar(SqlSession tx, String code) {
        return calendars.calendar(tx, code);
    }

    private void writeAlarms(SqlSession tx, ClockMapper m, ClockRow r) {
        for (SlaPolicies.Step step : policies.ladder(r.name())) {
            m.insertAlarm(r.ticketId(), r.name(), r.run(), step,
                    dueAt(tx, r.basis(), r.calendarCode(), r.dueAt(), step.offset()));
        }
    }

    @Override
    public List<ClockView> clocks(SqlSession session, long ticketId) {
        return session.getMapper(ClockMapper.class).clocks(ticketId).stream()
                .sorted(Comparator.comparing(ClockRow::name))
                .map(r -> new ClockView(r.name(), r.state(), r.dueAt(), r.pausedSince(), r.pauseReason(), r.metAt(),
                        r.breachedAt(), r.policy()))
                .toList();
    }
}
