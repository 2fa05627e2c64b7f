package org.hotline.ticketing.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.platform.ticket.workflow.ClockState;
import org.hotline.ticketing.calendar.DbCalendars;
import org.hotline.ticketing.db.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClockSchedulerTest extends ClockTestSupport {
    private ClockScheduler scheduler;

    @BeforeEach
    void freshScheduler() {
        // every test starts with nothing due: earlier tests' alarms are fired or cancelled here
        execInsert("UPDATE clock_alarms SET status = 'CANCELLED' WHERE status = 'PENDING'");
        execInsert("UPDATE department_members SET manager = 0"); // earlier tests' departments get no daily check
        execInsert("UPDATE ticket_clocks SET state = 'MET', stopped_at = NOW(3) WHERE state IN ('RUNNING','PAUSED')");
        notes.posted.clear();
        escalated.clear();
        scheduler = new ClockScheduler(db, calendars, notes, escalator,
                new ClockScheduler.Settings("node-a", Duration.ofSeconds(15), LocalTime.of(8, 30)), clock);
    }

    @Test
    void warnAndEscalateFireAtTheRightBusinessMinute() {
        long dept = department("complaints", null, "mgr-complaints");
        execInsert("UPDATE department_members SET manager = 0"); // no daily check in this test's notifications
        long id = newTicket(TicketType.COMPLAINT);
        // RESOLUTION due Saturday 2027-05-08 17:00 (a make-up working day), see ClockKeeperTest
        apply(complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(dept), "handler1"),
                ClockEffects.starting(ClockName.RESOLUTION), beijing("2027-04-30T17:00"));

        assertThat(scheduler.runOnce(beijing("2027-05-08T16:29:59")).alarms()).isZero();
        assertThat(notes.posted).isEmpty();

        assertThat(scheduler.runOnce(beijing("2027-05-08T16:30")).alarms()).isEqualTo(1);
        assertThat(notes.ofKind("clock.warning")).singleElement()
                .satisfies(p -> {
                    assertThat(p.to()).isEqualTo("user:handler1");
                    assertThat(p.ticketId()).isEqualTo(id);
                    assertThat(p.params()).containsEntry("clock", "RESOLUTION").containsEntry("number", "T-" + id);
                });

        assertThat(scheduler.runOnce(beijing("2027-05-08T16:59:59")).alarms()).isZero();
        ClockScheduler.Report atDeadline = scheduler.runOnce(beijing("2027-05-08T17:00"));
        assertThat(atDeadline.breaches()).isEqualTo(1);
        assertThat(escalated).containsExactly(id);
        assertThat(notes.ofKind("clock.escalated")).singleElement()
                .satisfies(p -> assertThat(p.to()).isEqualTo("managers:" + dept));
        assertThat(db.withSession(s -> keeper.clocks(s, id)).get(0).state()).isEqualTo(ClockState.BREACHED);

        // +2 business hours after the deadline: 17:00-18:00 Saturday, Sunday off, 09:00-10:00 Monday
        assertThat(scheduler.runOnce(beijing("2027-05-10T09:59")).alarms()).isZero();
        assertThat(scheduler.runOnce(beijing("2027-05-10T10:00")).alarms()).isEqualTo(1);
        assertThat(notes.ofKind("clock.overdue")).singleElement()
                .satisfies(p -> assertThat(p.to()).isEqualTo("role:CENTRE_HEAD"));
        assertThat(scheduler.runOnce(beijing("2027-05-11T10:00"))).isEqualTo(new ClockScheduler.Report(0, 0, 0));
    }

    @Test
    void aMajorComplaintsAlarmsAreUrgent() {
        long id = newTicket(TicketType.COMPLAINT);
        apply(complaint(id, Severity.MAJOR, CustomerClass.ORDINARY, List.of(), "handler1"),
                ClockEffects.starting(ClockName.FIRST_RESPONSE), beijing("2027-03-08T10:00"));
        scheduler.runOnce(beijing("2027-03-08T11:00"));
        assertThat(notes.posted).extracting(RecordingNotifications.Posted::urgent).containsOnly(true);
        // no department: the complaint managers are told
        assertThat(notes.ofKind("clock.overdue")).singleElement()
                .satisfies(p -> assertThat(p.to()).isEqualTo("role:COMPLAINT_MANAGER"));
    }

    @Test
    void aDeadlineThatFellDueWhileEveryNodeWasDownFiresOnRestartMarkedLate() {
        long id = newTicket(TicketType.CONSULTATION);
        Instant start = beijing("2027-03-08T10:00");
        apply(consultation(id), ClockEffects.starting(ClockName.HAND_OFF), start); // due 10:15 wall clock
        Instant restart = beijing("2027-03-08T11:00");
        ClockScheduler.Report r = scheduler.runOnce(restart);
        assertThat(r.breaches()).isEqualTo(1);
        assertThat(r.alarms()).isEqualTo(2);
        assertThat(queryLong("SELECT late_ms FROM clock_breaches WHERE ticket_id = ?", id))
                .isEqualTo(Duration.ofMinutes(45).toMillis());
        assertThat(queryLong("SELECT late_ms FROM clock_alarms WHERE ticket_id = ? AND step = 0", id))
                .isEqualTo(Duration.ofMinutes(50).toMillis());
        assertThat(queryString("SELECT claimed_by FROM clock_alarms WHERE ticket_id = ? AND step = 1", id))
                .isEqualTo("node-a");
        assertThat(notes.ofKind("clock.warning")).singleElement()
                .satisfies(p -> assertThat(p.to()).isEqualTo("role:COORDINATOR"));
    }

    @Test
    void twoNodesOnOneDatabaseFireEachDeadlineAndAlarmExactlyOnce() throws Exception {
        int tickets = 150;
        Instant start = beijing("2027-03-09T10:00");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            long id = newTicket(TicketType.CONSULTATION);
            ids.add(id);
            apply(consultation(id), ClockEffects.starting(ClockName.HAND_OFF), start.plusSeconds(i));
        }
        try (Database second = Database.open(testDb.config())) {
            DbCalendars secondCalendars = new DbCalendars(second, clock, ticketing.audit());
            ClockScheduler nodeB = new ClockScheduler(second, secondCalendars, notes, escalator,
                    ClockScheduler.Settings.defaults("node-b"), clock);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<ClockScheduler.Report>> passes = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    Instant at = start.plus(Duration.ofMinutes(30)).plusSeconds(round);
                    passes.add(() -> scheduler.runOnce(at));
                    passes.add(() -> nodeB.runOnce(at));
                }
                int breaches = 0;
                int alarms = 0;
                for (Future<ClockScheduler.Report> f : pool.invokeAll(passes)) {
                    breaches += f.get().breaches();
                    alarms += f.get().alarms();
                }
                // an alarm whose ticket the other node held at that moment is left for the next tick of either
                Instant nextTick = start.plus(Duration.ofMinutes(31));
                for (ClockScheduler node : List.of(scheduler, nodeB)) {
                    ClockScheduler.Report r = node.runOnce(nextTick);
                    breaches += r.breaches();
                    alarms += r.alarms();
                }
                assertThat(breaches).isEqualTo(tickets);
                assertThat(alarms).isEqualTo(2 * tickets);
            } finally {
                pool.shutdownNow();
            }
        }
        Map<String, Long> perTicketAndKind = notes.posted.stream()
                .collect(Collectors.groupingBy(p -> p.ticketId() + "/" + p.kind(), Collectors.counting()));
        assertThat(perTicketAndKind).hasSize(2 * tickets);
        assertThat(perTicketAndKind.values()).containsOnly(1L);
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        assertThat(queryLong("SELECT COUNT(*) FROM clock_breaches WHERE ticket_id IN (" + in + ")")).isEqualTo(tickets);
        assertThat(queryLong("SELECT COUNT(*) FROM clock_alarms WHERE status = 'FIRED' AND ticket_id IN (" + in + ")"))
                .isEqualTo(2L * tickets);
    }

    @Test
    void eachDepartmentManagerGetsOneDailyCheckPerWorkingDayAcrossNodes() {
        long dept = department("after-sales", null, "mgr-after-sales");
        long stalled = newTicket(TicketType.COMPLAINT);
        long overdue = newTicket(TicketType.COMPLAINT);
        apply(complaint(stalled, Severity.NORMAL, CustomerClass.ORDINARY, List.of(dept), "h"),
                ClockEffects.starting(ClockName.STAGNATION), beijing("2027-03-01T10:00"));
        apply(complaint(overdue, Severity.NORMAL, CustomerClass.ORDINARY, List.of(dept), "h"),
                ClockEffects.starting(ClockName.FIRST_RESPONSE), beijing("2027-03-01T10:00"));
        try (Database second = Database.open(testDb.config())) {
            ClockScheduler nodeB = new ClockScheduler(second, new DbCalendars(second, clock, ticketing.audit()), notes,
                    escalator, ClockScheduler.Settings.defaults("node-b"), clock);
            Function<Instant, Long> both = at -> {
                scheduler.runOnce(at);
                nodeB.runOnce(at);
                return queryLong("SELECT COUNT(*) FROM daily_checks WHERE department_id = ?", dept);
            };
            assertThat(both.apply(beijing("2027-03-08T08:29"))).isZero();
            assertThat(both.apply(beijing("2027-03-08T08:30"))).isEqualTo(1);
            assertThat(both.apply(beijing("2027-03-08T12:00"))).isEqualTo(1);
            assertThat(both.apply(beijing("2027-03-09T08:45"))).isEqualTo(2);
            // Saturday: no check
            assertThat(both.apply(beijing("2027-03-13T09:00"))).isEqualTo(2);
        }
        List<RecordingNotifications.Posted> checks = notes.ofKind("daily.check").stream()
                .filter(p -> p.to().equals("managers:" + dept)).toList();
        assertThat(checks).hasSize(2);
        assertThat(checks.get(0).params()).containsEntry("stalled", "1").containsEntry("overdue", "1")
                .containsEntry("day", "2027-03-08").containsEntry("stalledTickets", "T-" + stalled)
                .containsEntry("overdueTickets", "T-" + overdue);
    }

    @Test
    void aBreachTheSchedulerRecordedSurvivesClosingAndReopeningTheTicket() {
        long id = newTicket(TicketType.COMPLAINT);
        var subject = complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1");
        apply(subject, ClockEffects.starting(ClockName.FIRST_RESPONSE, ClockName.RESOLUTION),
                beijing("2027-03-08T10:00"));
        scheduler.runOnce(beijing("2027-03-08T14:05")); // FIRST_RESPONSE was due at 14:00
        assertThat(queryLong("SELECT COUNT(*) FROM clock_breaches WHERE ticket_id = ?", id)).isEqualTo(1);

        apply(subject, stop(ClockName.FIRST_RESPONSE, ClockName.RESOLUTION), beijing("2027-03-09T10:00")); // closed
        apply(subject, ClockEffects.starting(ClockName.FIRST_RESPONSE, ClockName.RESOLUTION),
                beijing("2027-03-10T10:00")); // reopened: both run afresh
        List<org.hotline.platform.ticket.workflow.ClockView> clocks = db.withSession(s -> keeper.clocks(s, id));
        assertThat(clocks).extracting(c -> c.state()).containsOnly(ClockState.RUNNING);
        assertThat(queryLong("SELECT COUNT(*) FROM clock_breaches WHERE ticket_id = ?", id)).isEqualTo(1);
        assertThat(queryString("SELECT DATE_FORMAT(due_at, '%H:%i') FROM clock_breaches WHERE ticket_id = ?", id))
                .isEqualTo("06:00"); // 14:00 Beijing in UTC
    }

    @Test
    void alarmsWaitForAWorkflowStepHoldingTheTicketInsteadOfDeadlockingWithIt() throws Exception {
        long id = newTicket(TicketType.COMPLAINT);
        apply(complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1"),
                ClockEffects.starting(ClockName.RESOLUTION), beijing("2027-04-30T17:00")); // due 2027-05-08 17:00
        try (java.sql.Connection step = testDb.connect()) {
            step.setAutoCommit(false);
            try (var st = step.prepareStatement("SELECT id FROM tickets WHERE id = ? FOR UPDATE")) {
                st.setLong(1, id);
                st.executeQuery().close();
            }
            ClockScheduler.Report whileLocked = scheduler.runOnce(beijing("2027-05-08T17:01"));
            assertThat(whileLocked.breaches()).isEqualTo(1);
            assertThat(whileLocked.alarms()).isZero(); // the warning and the escalation wait
            assertThat(escalated).isEmpty();
            step.commit();
        }
        assertThat(scheduler.runOnce(beijing("2027-05-08T17:02")).alarms()).isEqualTo(2);
        assertThat(escalated).containsExactly(id);
    }

    @Test
    void anAlarmThatFailsIsMarkedFailedAndTheOthersStillFire() {
        long broken = newTicket(TicketType.COMPLAINT);
        long fine = newTicket(TicketType.COMPLAINT);
        for (long id : List.of(broken, fine)) {
            apply(complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1"),
                    ClockEffects.starting(ClockName.RESOLUTION), beijing("2027-04-30T17:00"));
        }
        ClockScheduler failing = new ClockScheduler(db, calendars, notes, (tx, ticketId, reason, now) -> {
            if (ticketId == broken) {
                throw new IllegalStateException("the workflow refused");
            }
            return escalated.add(ticketId);
        }, ClockScheduler.Settings.defaults("node-a"), clock);
        assertThat(failing.runOnce(beijing("2027-05-08T17:00")).alarms()).isEqualTo(4);
        assertThat(escalated).containsExactly(fine);
        assertThat(queryString("SELECT outcome FROM clock_alarms WHERE ticket_id = ? AND step = 1", broken))
                .isEqualTo("FAILED");
        assertThat(queryString("SELECT outcome FROM clock_alarms WHERE ticket_id = ? AND step = 1", fine))
                .isEqualTo("ESCALATED");
        assertThat(failing.runOnce(beijing("2027-05-08T17:01")).alarms()).isZero();
    }
}
