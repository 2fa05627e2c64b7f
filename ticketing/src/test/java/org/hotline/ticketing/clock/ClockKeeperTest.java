package org.hotline.ticketing.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.platform.ticket.workflow.ClockState;
import org.hotline.platform.ticket.workflow.ClockView;
import org.junit.jupiter.api.Test;

class ClockKeeperTest extends ClockTestSupport {

    private ClockView clock(long ticketId, ClockName name) {
        return db.withSession(s -> keeper.clocks(s, ticketId)).stream().filter(c -> c.name() == name).findFirst()
                .orElseThrow();
    }

    @Test
    void aComplaintsResolutionDeadlineSkipsTheLabourDayHolidayAndCountsTheMakeUpSaturday() {
        long id = newTicket(TicketType.COMPLAINT);
        // Friday 2027-04-30 17:00 + 27 business hours: 1 h Friday, May 1-5 off, 9 h May 6, 9 h May 7, 8 h May 8 (调休)
        apply(complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1"),
                ClockEffects.starting(ClockName.RESOLUTION), beijing("2027-04-30T17:00"));
        ClockView c = clock(id, ClockName.RESOLUTION);
        assertThat(c.state()).isEqualTo(ClockState.RUNNING);
        assertThat(c.dueAt()).isEqualTo(beijing("2027-05-08T17:00"));
        assertThat(c.policy()).isEqualTo("complaint@1");
    }

    @Test
    void aMajorComplaintGetsTheShorterTargetAndRecordsItsPolicy() {
        long id = newTicket(TicketType.COMPLAINT);
        apply(complaint(id, Severity.MAJOR, CustomerClass.VIP, List.of(), "handler1"),
                ClockEffects.starting(ClockName.RESOLUTION, ClockName.FIRST_RESPONSE), beijing("2027-04-30T17:00"));
        assertThat(clock(id, ClockName.RESOLUTION).dueAt()).isEqualTo(beijing("2027-05-06T17:00"));
        assertThat(clock(id, ClockName.RESOLUTION).policy()).isEqualTo("complaint-major@1");
        assertThat(clock(id, ClockName.FIRST_RESPONSE).dueAt()).isEqualTo(beijing("2027-04-30T18:00"));
    }

    @Test
    void aVipComplaintIsShorterThanAnOrdinaryOne() {
        long vip = newTicket(TicketType.COMPLAINT);
        long ordinary = newTicket(TicketType.COMPLAINT);
        apply(complaint(vip, Severity.NORMAL, CustomerClass.VIP, List.of(), null),
                ClockEffects.starting(ClockName.FIRST_RESPONSE), beijing("2027-03-08T10:00"));
        apply(complaint(ordinary, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), null),
                ClockEffects.starting(ClockName.FIRST_RESPONSE), beijing("2027-03-08T10:00"));
        assertThat(clock(vip, ClockName.FIRST_RESPONSE).dueAt()).isEqualTo(beijing("2027-03-08T12:00"));
        assertThat(clock(ordinary, ClockName.FIRST_RESPONSE).dueAt()).isEqualTo(beijing("2027-03-08T14:00"));
    }

    @Test
    void aHandOffCountsFifteenWallClockMinutesEvenOnAHoliday() {
        long id = newTicket(TicketType.CONSULTATION);
        apply(consultation(id), ClockEffects.starting(ClockName.HAND_OFF), beijing("2027-10-02T23:50"));
        ClockView c = clock(id, ClockName.HAND_OFF);
        assertThat(c.dueAt()).isEqualTo(beijing("2027-10-03T00:05"));
        assertThat(c.policy()).isEqualTo("hand-off@1");
    }

    @Test
    void aDepartmentsOwnCalendarCountsItsDeadlines() {
        long dept = department("d-247", "24x7", "mgr-247");
        long id = newTicket(TicketType.COMPLAINT);
        apply(complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(dept), null),
                ClockEffects.starting(ClockName.FIRST_RESPONSE), beijing("2027-05-01T10:00"));
        assertThat(clock(id, ClockName.FIRST_RESPONSE).dueAt()).isEqualTo(beijing("2027-05-01T14:00"));
    }

    @Test
    void aPausedClockKeepsItsRemainingTimeAndResumesWithANewDeadline() {
        long id = newTicket(TicketType.COMPLAINT);
        var subject = complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1");
        apply(subject, ClockEffects.starting(ClockName.FIRST_RESPONSE), beijing("2027-03-08T10:00")); // due 14:00
        apply(subject, pause(ClockName.FIRST_RESPONSE, "WAITING_CUSTOMER"), beijing("2027-03-08T11:00"));
        ClockView paused = clock(id, ClockName.FIRST_RESPONSE);
        assertThat(paused.state()).isEqualTo(ClockState.PAUSED);
        assertThat(paused.dueAt()).isNull();
        assertThat(paused.pausedSince()).isEqualTo(beijing("2027-03-08T11:00"));
        assertThat(paused.pauseReason()).isEqualTo("WAITING_CUSTOMER");
        assertThat(queryLong("SELECT COUNT(*) FROM clock_alarms WHERE ticket_id = ? AND status = 'PENDING'", id))
                .isZero();

        apply(subject, resume(ClockName.FIRST_RESPONSE), beijing("2027-03-09T17:00")); // 3 h left: 1 h + 2 h
        ClockView resumed = clock(id, ClockName.FIRST_RESPONSE);
        assertThat(resumed.state()).isEqualTo(ClockState.RUNNING);
        assertThat(resumed.dueAt()).isEqualTo(beijing("2027-03-10T11:00"));
        assertThat(resumed.pausedSince()).isNull();
        assertThat(instantOf("SELECT due_at FROM clock_alarms WHERE ticket_id = ? AND status = 'PENDING' "
                + "AND `action` = 'WARN'", id)).isEqualTo(beijing("2027-03-10T10:30"));
    }

    @Test
    void stoppingInTimeIsMetAndCancelsTheLadder() {
        long id = newTicket(TicketType.COMPLAINT);
        var subject = complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1");
        apply(subject, ClockEffects.starting(ClockName.FIRST_RESPONSE), beijing("2027-03-08T10:00"));
        apply(subject, stop(ClockName.FIRST_RESPONSE), beijing("2027-03-08T13:00"));
        ClockView c = clock(id, ClockName.FIRST_RESPONSE);
        assertThat(c.state()).isEqualTo(ClockState.MET);
        assertThat(c.metAt()).isEqualTo(beijing("2027-03-08T13:00"));
        assertThat(queryLong("SELECT COUNT(*) FROM clock_alarms WHERE ticket_id = ? AND status = 'CANCELLED'", id))
                .isEqualTo(2);
        assertThat(queryLong("SELECT COUNT(*) FROM clock_breaches WHERE ticket_id = ?", id)).isZero();
    }

    @Test
    void stoppingTooLateIsABreachThatClosingNeverErases() {
        long id = newTicket(TicketType.COMPLAINT);
        var subject = complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1");
        apply(subject, ClockEffects.starting(ClockName.FIRST_RESPONSE, ClockName.RESOLUTION),
                beijing("2027-03-08T10:00"));
        apply(subject, stop(ClockName.FIRST_RESPONSE), beijing("2027-03-08T15:00"));
        apply(subject, stop(ClockName.RESOLUTION), beijing("2027-03-09T15:00"));
        ClockView c = clock(id, ClockName.FIRST_RESPONSE);
        assertThat(c.state()).isEqualTo(ClockState.BREACHED);
        assertThat(c.breachedAt()).isEqualTo(beijing("2027-03-08T14:00"));
        assertThat(queryLong("SELECT late_ms FROM clock_breaches WHERE ticket_id = ? AND clock = 'FIRST_RESPONSE'",
                id)).isEqualTo(3_600_000L);
        assertThat(clock(id, ClockName.RESOLUTION).state()).isEqualTo(ClockState.MET);
    }

    @Test
    void activityRestartsTheStagnationClock() {
        long id = newTicket(TicketType.COMPLAINT);
        var subject = complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1");
        apply(subject, ClockEffects.starting(ClockName.STAGNATION), beijing("2027-03-08T10:00"));
        assertThat(clock(id, ClockName.STAGNATION).dueAt()).isEqualTo(beijing("2027-03-08T14:00"));
        apply(subject, new ClockEffects(java.util.Set.of(), java.util.Set.of(), null, null, null, true),
                beijing("2027-03-08T16:00"));
        assertThat(clock(id, ClockName.STAGNATION).dueAt()).isEqualTo(beijing("2027-03-09T11:00"));
        assertThat(queryLong("SELECT COUNT(*) FROM clock_alarms WHERE ticket_id = ? AND status = 'PENDING' AND run = 2",
                id)).isEqualTo(2);
    }

    @Test
    void aMetClockStartsAfreshOnlyWhenTheTicketIsReopened() {
        long id = newTicket(TicketType.COMPLAINT);
        var subject = complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1");
        apply(subject, ClockEffects.starting(ClockName.FIRST_RESPONSE, ClockName.RESOLUTION),
                beijing("2027-03-08T10:00"));
        apply(subject, stop(ClockName.FIRST_RESPONSE), beijing("2027-03-08T11:00"));
        apply(subject, ClockEffects.starting(ClockName.FIRST_RESPONSE), beijing("2027-03-08T12:00"));
        assertThat(clock(id, ClockName.FIRST_RESPONSE).state()).isEqualTo(ClockState.MET);

        apply(subject, stop(ClockName.RESOLUTION), beijing("2027-03-09T10:00"));
        apply(subject, ClockEffects.starting(ClockName.RESOLUTION), beijing("2027-03-10T10:00")); // reopen
        ClockView reopened = clock(id, ClockName.RESOLUTION);
        assertThat(reopened.state()).isEqualTo(ClockState.RUNNING);
        assertThat(reopened.dueAt()).isEqualTo(beijing("2027-03-15T10:00"));
    }

    @Test
    void aUsersWorkingHoursComeFromTheirDepartmentsCalendar() {
        department("night-desk", "24x7", "night-manager");
        DbWorkingHours hours = ticketing.workingHours();
        java.time.Instant saturdayNight = beijing("2027-03-13T03:00");
        java.time.Instant nightDesk = db.withSession(s -> hours.nextWorkingMoment(s, "night-manager", saturdayNight));
        java.time.Instant office = db.withSession(s -> hours.nextWorkingMoment(s, "nobody-at-all", saturdayNight));
        assertThat(nightDesk).isEqualTo(saturdayNight);
        assertThat(office).isEqualTo(beijing("2027-03-15T09:00"));
    }

    @Test
    void activityAfterTheWorkflowStoppedStagnationLeavesItStopped() {
        long id = newTicket(TicketType.COMPLAINT);
        var subject = complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1");
        apply(subject, ClockEffects.starting(ClockName.STAGNATION, ClockName.RESOLUTION), beijing("2027-03-08T10:00"));
        apply(subject, stop(ClockName.STAGNATION, ClockName.RESOLUTION), beijing("2027-03-08T11:00")); // resolved
        apply(subject, new ClockEffects(java.util.Set.of(), java.util.Set.of(), null, null, null, true),
                beijing("2027-03-08T12:00")); // a note on the resolved ticket
        assertThat(clock(id, ClockName.STAGNATION).state()).isEqualTo(ClockState.MET);
        assertThat(queryLong("SELECT COUNT(*) FROM clock_alarms WHERE ticket_id = ? AND status = 'PENDING'", id))
                .isZero();
    }

    @Test
    void aBreachedResolutionOnAnOpenTicketIsNoReopen() {
        long id = newTicket(TicketType.COMPLAINT);
        var subject = complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1");
        apply(subject, ClockEffects.starting(ClockName.FIRST_RESPONSE, ClockName.RESOLUTION),
                beijing("2027-03-08T10:00"));
        apply(subject, stop(ClockName.FIRST_RESPONSE), beijing("2027-03-08T11:00"));
        execInsert("UPDATE ticket_clocks SET state = 'BREACHED', breached_at = due_at WHERE ticket_id = ? "
                + "AND name = 'RESOLUTION'", id); // as the scheduler does at the deadline
        apply(subject, ClockEffects.starting(ClockName.FIRST_RESPONSE), beijing("2027-03-12T10:00"));
        assertThat(clock(id, ClockName.FIRST_RESPONSE).state()).isEqualTo(ClockState.MET);
    }

    @Test
    void pausingAClockPastItsDeadlineRecordsTheBreachInstead() {
        long id = newTicket(TicketType.COMPLAINT);
        var subject = complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1");
        apply(subject, ClockEffects.starting(ClockName.FIRST_RESPONSE), beijing("2027-03-08T10:00")); // due 14:00
        apply(subject, pause(ClockName.FIRST_RESPONSE, "WAITING_CUSTOMER"), beijing("2027-03-08T15:00"));
        ClockView c = clock(id, ClockName.FIRST_RESPONSE);
        assertThat(c.state()).isEqualTo(ClockState.BREACHED);
        assertThat(c.breachedAt()).isEqualTo(beijing("2027-03-08T14:00"));
        assertThat(queryLong("SELECT COUNT(*) FROM clock_breaches WHERE ticket_id = ?", id)).isEqualTo(1);
    }

    @Test
    void theTicketKeepsItsNearestDeadlineForTheWorklist() {
        long id = newTicket(TicketType.COMPLAINT);
        var subject = complaint(id, Severity.NORMAL, CustomerClass.ORDINARY, List.of(), "handler1");
        String nextDue = "SELECT next_due_at FROM tickets WHERE id = ?";
        assertThat(instantOf(nextDue, id)).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
        apply(subject, ClockEffects.starting(ClockName.FIRST_RESPONSE, ClockName.RESOLUTION),
                beijing("2027-03-08T10:00"));
        assertThat(instantOf(nextDue, id)).isEqualTo(beijing("2027-03-08T14:00")); // FIRST_RESPONSE
        apply(subject, pause(ClockName.FIRST_RESPONSE, "WAITING_CUSTOMER"), beijing("2027-03-08T11:00"));
        assertThat(instantOf(nextDue, id)).isEqualTo(clock(id, ClockName.RESOLUTION).dueAt());
        apply(subject, stop(ClockName.FIRST_RESPONSE, ClockName.RESOLUTION), beijing("2027-03-08T12:00"));
        assertThat(instantOf(nextDue, id)).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
    }
}
