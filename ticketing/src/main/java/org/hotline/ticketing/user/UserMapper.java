package org.hotline.ticketing.user;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.hotline.platform.user.Role;

/** SQL for users, their roles and skills. */
interface UserMapper {
    String COLUMNS = "u.id, u.username, u.display_name, u.password_hash, u.failed_logins, u.last_failed_at, "
            + "u.locked_at, u.disabled_at, "
            + "(SELECT GROUP_CONCAT(r.role ORDER BY r.role SEPARATOR ',') FROM user_roles r WHERE r.user_id = u.id) "
            + "AS roles, "
            + "(SELECT GROUP_CONCAT(k.skill ORDER BY k.skill SEPARATOR ',') FROM user_skills k WHERE k.user_id = u.id) "
            + "AS skills";

    @Insert("INSERT INTO users (username, display_name, password_hash, created_at) "
            + "VALUES (#{username}, #{displayName}, #{passwordHash}, #{createdAt})")
    void insertUser(@Param("username") String username, @Param("displayName") String displayName,
                    @Param("passwordHash") String passwordHash, @Param("createdAt") Instant createdAt);

    @Select("SELECT LAST_INSERT_ID()")
    long lastInsertId();

    @Insert("INSERT INTO user_roles (user_id, role) VALUES (#{userId}, #{role})")
    void insertRole(@Param("userId") long userId, @Param("role") Role role);

    @Insert("INSERT INTO user_skills (user_id, skill) VALUES (#{userId}, #{skill})")
    void insertSkill(@Param("userId") long userId, @Param("skill") String skill);

    @Select("SELECT " + COLUMNS + " FROM users u WHERE u.username = #{username}")
    UserRow find(@Param("username") String username);

    @Select("SELECT " + COLUMNS + " FROM users u ORDER BY u.username")
    List<UserRow> all();

    @Select("SELECT " + COLUMNS + " FROM users u WHERE u.username = #{username} FOR UPDATE")
    UserRow findForUpdate(@Param("username") String username);

    @Update("UPDATE users SET failed_logins = #{s.count}, last_failed_at = #{s.lastFailedAt}, "
            + "locked_at = #{s.lockedAt} WHERE id = #{id}")
    int updateFailures(@Param("id") long id, @Param("s") LockoutPolicy.FailureState state);

    @Update("UPDATE users SET password_hash = #{hash} WHERE id = #{id}")
    int updatePasswordHash(@Param("id") long id, @Param("hash") String hash);

    @Select("SELECT COUNT(*) FROM users WHERE username = #{username}")
    int countUsername(@Param("username") String username);

    @Update("UPDATE users SET display_name = #{displayName} WHERE id = #{id}")
    int updateDisplayName(@Param("id") long id, @Param("displayName") String displayName);

    @Update("UPDATE users SET disabled_at = #{disabledAt} WHERE id = #{id}")
    int updateDisabledAt(@Param("id") long id, @Param("disabledAt") Instant disabledAt);

    @Delete("DELETE FROM user_roles WHERE user_id = #{userId}")
    int deleteRoles(@Param("userId") long userId);

    @Delete("DELETE FROM user_skills WHERE user_id = #{userId}")
    int deleteSkills(@Param("userId") long userId);
}
