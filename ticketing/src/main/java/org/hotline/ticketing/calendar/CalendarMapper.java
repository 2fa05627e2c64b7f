package org.hotline.ticketing.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for {@code business_calendars}, {@code calendar_periods} and {@code calendar_days}. */
interface CalendarMapper {
    record CalendarRow(String code, String name, String zone, Instant updatedAt) {
    }

    record PeriodRow(String calendarCode, String weekday, int ordinal, int startMinute, int endMinute) {
    }

    record DayRow(String calendarCode, LocalDate day, String kind, String name) {
    }

    @Select("SELECT code, name, zone, updated_at FROM business_calendars ORDER BY code")
    List<CalendarRow> calendars();

    @Select("SELECT code, name, zone, updated_at FROM business_calendars WHERE code = #{code}")
    CalendarRow calendar(@Param("code") String code);

    @Select("SELECT updated_at FROM business_calendars WHERE code = #{code}")
    Instant updatedAt(@Param("code") String code);

    @Select("SELECT calendar_code, weekday, ordinal, start_minute, end_minute FROM calendar_periods "
            + "WHERE calendar_code = #{code} ORDER BY weekday, ordinal")
    List<PeriodRow> periods(@Param("code") String code);

    @Select("SELECT calendar_code, `day`, kind, name FROM calendar_days WHERE calendar_code = #{code} ORDER BY `day`")
    List<DayRow> days(@Param("code") String code);

    @Select("SELECT updated_at FROM business_calendars WHERE code = #{code} FOR UPDATE")
    Instant lock(@Param("code") String code);

    @Insert("INSERT INTO business_calendars (code, name, zone, updated_at) VALUES (#{code}, #{name}, #{zone}, #{at})")
    void insertCalendar(@Param("code") String code, @Param("name") String name, @Param("zone") String zone,
                        @Param("at") Instant at);

    @Update("UPDATE business_calendars SET name = #{name}, zone = #{zone}, updated_at = #{at} WHERE code = #{code}")
    void updateCalendar(@Param("code") String code, @Param("name") String name, @Param("zone") String zone,
                        @Param("at") Instant at);

    @Delete("DELETE FROM calendar_periods WHERE calendar_code = #{code}")
    void deletePeriods(@Param("code") String code);

    @Delete("DELETE FROM calendar_days WHERE calendar_code = #{code}")
    void deleteDays(@Param("code") String code);

    @Insert("INSERT INTO calendar_periods (calendar_code, weekday, ordinal, start_minute, end_minute) VALUES "
            + "(#{p.calendarCode}, #{p.weekday}, #{p.ordinal}, #{p.startMinute}, #{p.endMinute})")
    void insertPeriod(@Param("p") PeriodRow period);

    @Insert("INSERT INTO calendar_days (calendar_code, `day`, kind, name) VALUES "
            + "(#{d.calendarCode}, #{d.day}, #{d.kind}, #{d.name})")
    void insertDay(@Param("d") DayRow day);

    /** The calendar a department names, or null (none, or no such department). */
    @Select("SELECT calendar_code FROM departments WHERE id = #{id}")
    String calendarOfDepartment(@Param("id") long departmentId);

    /** The calendar of the first department (by id) the user is a member of, or null. */
    @Select("SELECT d.calendar_code FROM department_members m JOIN departments d ON d.id = m.department_id "
            + "JOIN users u ON u.id = m.user_id WHERE u.username = #{username} ORDER BY d.id LIMIT 1")
    String calendarOfUser(@Param("username") String username);
}
