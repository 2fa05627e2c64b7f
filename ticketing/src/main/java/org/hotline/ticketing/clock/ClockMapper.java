package org.hotline.ticketing.clock;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.platform.ticket.workflow.ClockState;

/** SQL for {@code ticket_clocks}, {@code ticket_clock_subjects}, {@code clock_alarms} and {@code clock_breaches}. */
interface ClockMapper {
    String COLUMNS = "ticket_id, name, state, due_at, started_at, paused_since, pause_reason, remaining_ms, met_at, "
            + "breached_at, policy, target_ms, basis, calendar_code, run";
    String READ = COLUMNS + ", stopped_at";

    record ClockRow(long ticketId, ClockName name, ClockState state, Instant dueAt, Instant startedAt,
                    Instant pausedSince, String pauseReason, Long remainingMs, Instant metAt, Instant breachedAt,
                    String policy, long targetMs, SlaPolicies.Basis basis, String calendarCode, int run,
                    Instant stoppedAt) {
        /** Stopped by the workflow (met, or dealt with after a breach), as opposed to breached and still open. */
        boolean stopped() {
            return stoppedAt != null;
        }
    }

    record SubjectRow(long ticketId, String number, String assignee, String departmentIds, boolean urgent) {
    }

    record AlarmRow(long id, long ticketId, ClockName clock, int run, int step, SlaPolicies.Action action,
                    String target, Instant dueAt) {
    }

    @Insert("INSERT INTO ticket_clock_subjects (ticket_id, `number`, assignee, department_ids, urgent, updated_at) "
            + "VALUES (#{s.ticketId}, #{s.number}, #{s.assignee}, #{s.departmentIds}, #{s.urgent}, #{now}) "
            + "ON DUPLICATE KEY UPDATE `number` = VALUES(`number`), assignee = VALUES(assignee), "
            + "department_ids = VALUES(department_ids), urgent = VALUES(urgent), updated_at = VALUES(updated_at)")
    void upsertSubject(@Param("s") SubjectRow subject, @Param("now") Instant now);

    @Select("SELECT ticket_id, `number`, assignee, department_ids, urgent FROM ticket_clock_subjects "
            + "WHERE ticket_id = #{ticketId}")
    SubjectRow subject(@Param("ticketId") long ticketId);

    @Select("SELECT " + READ + " FROM ticket_clocks WHERE ticket_id = #{ticketId}")
    List<ClockRow> clocks(@Param("ticketId") long ticketId);

    @Select("SELECT " + READ + " FROM ticket_clocks WHERE ticket_id = #{ticketId} FOR UPDATE")
    List<ClockRow> lockClocks(@Param("ticketId") long ticketId);

    @Insert("INSERT INTO ticket_clocks (" + COLUMNS + ", updated_at) VALUES (#{c.ticketId}, #{c.name}, #{c.state}, "
            + "#{c.dueAt}, #{c.startedAt}, #{c.pausedSince}, #{c.pauseReason}, #{c.remainingMs}, #{c.metAt}, "
            + "#{c.breachedAt}, #{c.policy}, #{c.targetMs}, #{c.basis}, #{c.calendarCode}, #{c.run}, #{now})")
    void insertClock(@Param("c") ClockRow clock, @Param("now") Instant now);

    @Update("UPDATE ticket_clocks SET state = #{c.state}, due_at = #{c.dueAt}, started_at = #{c.startedAt}, "
            + "paused_since = #{c.pausedSince}, pause_reason = #{c.pauseReason}, remaining_ms = #{c.remainingMs}, "
            + "met_at = #{c.metAt}, breached_at = #{c.breachedAt}, policy = #{c.policy}, target_ms = #{c.targetMs}, "
            + "basis = #{c.basis}, calendar_code = #{c.calendarCode}, run = #{c.run}, stopped_at = NULL, "
            + "updated_at = #{now} WHERE ticket_id = #{c.ticketId} AND name = #{c.name}")
    void updateClock(@Param("c") ClockRow clock, @Param("now") Instant now);

    @Update("UPDATE ticket_clocks SET stopped_at = #{now} WHERE ticket_id = #{ticketId} AND name = #{name}")
    void markStopped(@Param("ticketId") long ticketId, @Param("name") ClockName name, @Param("now") Instant now);

    /** tickets.next_due_at from the clocks that still count (see V10). */
    @Update("UPDATE tickets SET next_due_at = COALESCE((SELECT MIN(c.due_at) FROM ticket_clocks c "
            + "WHERE c.ticket_id = #{ticketId} AND c.stopped_at IS NULL AND c.state IN ('RUNNING','BREACHED')), "
            + "'9999-12-31 23:59:59.999') WHERE id = #{ticketId}")
    void refreshNextDue(@Param("ticketId") long ticketId);

    @Update("DELETE FROM clock_alarms WHERE ticket_id = #{ticketId} AND clock = #{clock} AND status = 'PENDING'")
    void deletePendingAlarms(@Param("ticketId") long ticketId, @Param("clock") ClockName clock);

    @Update("UPDATE clock_alarms SET status = 'CANCELLED' WHERE ticket_id = #{ticketId} AND clock = #{clock} "
            + "AND status = 'PENDING'")
    void cancelPendingAlarms(@Param("ticketId") long ticketId, @Param("clock") ClockName clock);

    /** Ignored when this step of this run exists already (fired before the deadline moved). */
    @Insert("INSERT IGNORE INTO clock_alarms (ticket_id, clock, run, step, `action`, target, status, due_at) VALUES "
            + "(#{ticketId}, #{clock}, #{run}, #{step.index}, #{step.action}, #{step.target}, 'PENDING', #{dueAt})")
    void insertAlarm(@Param("ticketId") long ticketId, @Param("clock") ClockName clock, @Param("run") int run,
                     @Param("step") SlaPolicies.Step step, @Param("dueAt") Instant dueAt);

    /** Append-only; ignored when this run's breach is recorded already. */
    @Insert("INSERT IGNORE INTO clock_breaches (ticket_id, clock, run, policy, due_at, recorded_at, late_ms, "
            + "recorded_by) VALUES (#{c.ticketId}, #{c.name}, #{c.run}, #{c.policy}, #{c.dueAt}, #{now}, #{lateMs}, "
            + "#{node})")
    int insertBreach(@Param("c") ClockRow clock, @Param("now") Instant now, @Param("lateMs") long lateMs,
                     @Param("node") String node);

    // --- the scheduler's claims

    @Select("SELECT " + READ + " FROM ticket_clocks WHERE state = 'RUNNING' AND due_at <= #{now} "
            + "ORDER BY due_at LIMIT #{limit} FOR UPDATE SKIP LOCKED")
    List<ClockRow> claimDueClocks(@Param("now") Instant now, @Param("limit") int limit);

    @Update("UPDATE ticket_clocks SET state = 'BREACHED', breached_at = due_at, updated_at = #{now} "
            + "WHERE ticket_id = #{ticketId} AND name = #{name} AND state = 'RUNNING'")
    int markBreached(@Param("ticketId") long ticketId, @Param("name") ClockName name, @Param("now") Instant now);

    /** The first due alarm nobody holds, except those of {@code busy} (tickets locked by a workflow step). */
    @Select("<script>SELECT id, ticket_id, clock, run, step, `action`, target, due_at FROM clock_alarms "
            + "WHERE status = 'PENDING' AND due_at &lt;= #{now}"
            + "<if test='busy.size() > 0'> AND ticket_id NOT IN "
            + "<foreach item='b' collection='busy' open='(' separator=',' close=')'>#{b}</foreach></if>"
            + " ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED</script>")
    AlarmRow claimDueAlarm(@Param("now") Instant now, @Param("busy") java.util.Collection<Long> busyTickets);

    /** Up to {@code limit} due alarms nobody holds, except those of {@code busy}, oldest first. */
    @Select("<script>SELECT id, ticket_id, clock, run, step, `action`, target, due_at FROM clock_alarms "
            + "WHERE status = 'PENDING' AND due_at &lt;= #{now}"
            + "<if test='busy.size() > 0'> AND ticket_id NOT IN "
            + "<foreach item='b' collection='busy' open='(' separator=',' close=')'>#{b}</foreach></if>"
            + " ORDER BY due_at, id LIMIT #{limit} FOR UPDATE SKIP LOCKED</script>")
    List<AlarmRow> claimDueAlarms(@Param("now") Instant now, @Param("busy") java.util.Collection<Long> busyTickets,
                                  @Param("limit") int limit);

    /**
     * Locks the ticket row unless someone holds it: the workflow locks a ticket before its clocks and alarms, so an
     * alarm being fired (which holds its alarm row) must not wait for the ticket, or the two would deadlock.
     */
    @Select("SELECT id FROM tickets WHERE id = #{ticketId} FOR UPDATE SKIP LOCKED")
    Long lockTicketUnlessBusy(@Param("ticketId") long ticketId);

    @Update("UPDATE clock_alarms SET status = 'FIRED', fired_at = #{now}, late_ms = #{lateMs}, claimed_by = #{node}, "
            + "outcome = #{outcome} WHERE id = #{id} AND status = 'PENDING'")
    int markFired(@Param("id") long id, @Param("now") Instant now, @Param("lateMs") long lateMs,
                  @Param("node") String node, @Param("outcome") String outcome);

    @Select("SELECT MIN(due_at) FROM clock_alarms WHERE status = 'PENDING'")
    Instant nextAlarm();
}
