package org.hotline.ticketing.clock;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL of the daily check: departments with managers, their stalled and overdue tickets, the claimed day rows. */
interface SchedulerMapper {
    record DepartmentRow(long id, String code, String calendarCode) {
    }

    @Select("SELECT d.id, d.code, d.calendar_code FROM departments d WHERE EXISTS (SELECT 1 FROM department_members m "
            + "WHERE m.department_id = d.id AND m.manager = 1) ORDER BY d.id")
    List<DepartmentRow> departmentsWithManagers();

    @Select("SELECT COUNT(*) FROM daily_checks WHERE `day` = #{day} AND department_id = #{departmentId}")
    int checked(@Param("day") LocalDate day, @Param("departmentId") long departmentId);

    /** Claims the day's check of a department: 1 for the node that sends it, 0 when another node did. */
    @Insert("INSERT IGNORE INTO daily_checks (`day`, department_id, claimed_by, sent_at, stalled, overdue) VALUES "
            + "(#{day}, #{departmentId}, #{node}, #{now}, #{stalled}, #{overdue})")
    int claimDailyCheck(@Param("day") LocalDate day, @Param("departmentId") long departmentId,
                        @Param("node") String node, @Param("now") Instant now, @Param("stalled") int stalled,
                        @Param("overdue") int overdue);

    String OF_DEPARTMENT = "FROM ticket_clock_subjects s WHERE FIND_IN_SET(#{departmentId}, s.department_ids) > 0 "
            + "AND EXISTS (SELECT 1 FROM ticket_clocks c WHERE c.ticket_id = s.ticket_id AND c.stopped_at IS NULL "
            + "AND (c.state = 'BREACHED' OR c.state = 'RUNNING' AND c.due_at <= #{now}) AND c.name ";

    /** Numbers of the department's tickets whose STAGNATION clock is breached or past due and not stopped. */
    @Select("SELECT COALESCE(s.`number`, CAST(s.ticket_id AS CHAR)) " + OF_DEPARTMENT + "= 'STAGNATION') "
            + "ORDER BY s.ticket_id")
    List<String> stalled(@Param("departmentId") long departmentId, @Param("now") Instant now);

    /** Numbers of the department's tickets with another clock breached or past due and not stopped. */
    @Select("SELECT COALESCE(s.`number`, CAST(s.ticket_id AS CHAR)) " + OF_DEPARTMENT + "<> 'STAGNATION') "
            + "ORDER BY s.ticket_id")
    List<String> overdue(@Param("departmentId") long departmentId, @Param("now") Instant now);
}
