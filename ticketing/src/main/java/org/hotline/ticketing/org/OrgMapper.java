package org.hotline.ticketing.org;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for departments and their members. */
interface OrgMapper {
    String COLUMNS = "d.id, d.code, d.name, d.calendar_code, "
            + "(SELECT GROUP_CONCAT(u.username ORDER BY u.username SEPARATOR ',') FROM department_members m "
            + "JOIN users u ON u.id = m.user_id WHERE m.department_id = d.id) AS members, "
            + "(SELECT GROUP_CONCAT(u.username ORDER BY u.username SEPARATOR ',') FROM department_members m "
            + "JOIN users u ON u.id = m.user_id WHERE m.department_id = d.id AND m.manager = 1) AS managers";

    @Select("SELECT " + COLUMNS + " FROM departments d ORDER BY d.code")
    List<DepartmentRow> all();

    @Select("SELECT " + COLUMNS + " FROM departments d WHERE d.code = #{code}")
    DepartmentRow find(@Param("code") String code);

    @Select("SELECT id FROM departments WHERE code = #{code} FOR UPDATE")
    Long lockId(@Param("code") String code);

    @Select("SELECT " + COLUMNS + " FROM departments d WHERE EXISTS (SELECT 1 FROM department_members m "
            + "JOIN users u ON u.id = m.user_id WHERE m.department_id = d.id AND u.username = #{username}) "
            + "ORDER BY d.code")
    List<DepartmentRow> ofUser(@Param("username") String username);

    @Insert("INSERT INTO departments (code, name, calendar_code, created_at) "
            + "VALUES (#{code}, #{name}, #{calendarCode}, #{createdAt})")
    void insert(@Param("code") String code, @Param("name") String name, @Param("calendarCode") String calendarCode,
                @Param("createdAt") Instant createdAt);

    @Update("UPDATE departments SET name = #{name}, calendar_code = #{calendarCode} WHERE id = #{id}")
    int update(@Param("id") long id, @Param("name") String name, @Param("calendarCode") String calendarCode);

    @Select("SELECT id FROM users WHERE username = #{username}")
    Long userId(@Param("username") String username);

    @Delete("DELETE FROM department_members WHERE department_id = #{departmentId}")
    int clearMembers(@Param("departmentId") long departmentId);

    @Insert("INSERT INTO department_members (department_id, user_id, manager) "
            + "VALUES (#{departmentId}, #{userId}, #{manager})")
    void insertMember(@Param("departmentId") long departmentId, @Param("userId") long userId,
                      @Param("manager") boolean manager);
}
