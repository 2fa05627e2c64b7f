package org.hotline.ticketing.notify;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.hotline.platform.user.Role;

/**
 * SQL of the {@code notifications} table. "Visible" means due ({@code deliver_at <= now}); the poller's claim is
 * {@code FOR UPDATE SKIP LOCKED} followed by a conditional update, so two nodes never deliver the same row.
 */
interface NotificationMapper {
    /** In {@link NotificationRow}'s constructor order. */
    String COLUMNS = "id, recipient, kind, params, ticket_id, ticket_number, urgent, created_at, deliver_at, "
            + "delivered_at, read_at";

    @Insert("INSERT INTO notifications (recipient, kind, params, ticket_id, ticket_number, urgent, created_at, "
            + "deliver_at) VALUES (#{recipient}, #{kind}, #{params}, #{ticketId}, #{ticketNumber}, #{urgent}, #{now}, "
            + "#{deliverAt})")
    void insert(@Param("recipient") String recipient, @Param("kind") String kind, @Param("params") String params,
                @Param("ticketId") Long ticketId, @Param("ticketNumber") String ticketNumber,
                @Param("urgent") boolean urgent, @Param("now") Instant now, @Param("deliverAt") Instant deliverAt);

    @Select({"<script>",
        "SELECT username FROM users WHERE username IN",
        "<foreach item='u' collection='usernames' open='(' separator=',' close=')'>#{u}</foreach>",
        "</script>"})
    List<String> existingUsers(@Param("usernames") Collection<String> usernames);

    @Select("SELECT u.username FROM users u JOIN user_roles r ON r.user_id = u.id WHERE r.role = #{role} "
            + "ORDER BY u.username")
    List<String> usersWithRole(@Param("role") Role role);

    @Select({"<script>",
        "SELECT DISTINCT u.username FROM users u JOIN department_members m ON m.user_id = u.id",
        "WHERE m.manager = 1 AND m.department_id IN",
        "<foreach item='d' collection='departments' open='(' separator=',' close=')'>#{d}</foreach>",
        "ORDER BY u.username",
        "</script>"})
    List<String> departmentManagers(@Param("departments") Collection<Long> departments);

    @Select("SELECT `number` FROM tickets WHERE id = #{id}")
    String ticketNumber(@Param("id") long id);

    /** Locks up to {@code limit} due, undelivered rows that no other transaction holds. */
    @Select("SELECT id FROM notifications WHERE delivered_at IS NULL AND deliver_at <= #{now} "
            + "ORDER BY deliver_at, id LIMIT #{limit} FOR UPDATE SKIP LOCKED")
    List<Long> lockDue(@Param("now") Instant now, @Param("limit") int limit);

    @Update({"<script>",
        "UPDATE notifications SET delivered_at = #{now} WHERE delivered_at IS NULL AND id IN",
        "<foreach item='i' collection='ids' open='(' separator=',' close=')'>#{i}</foreach>",
        "</script>"})
    int markDelivered(@Param("ids") Collection<Long> ids, @Param("now") Instant now);

    @Select({"<script>",
        "SELECT " + COLUMNS + " FROM notifications WHERE id IN",
        "<foreach item='i' collection='ids' open='(' separator=',' close=')'>#{i}</foreach>",
        "ORDER BY deliver_at, id",
        "</script>"})
    List<NotificationRow> byIds(@Param("ids") Collection<Long> ids);

    @Select({"<script>",
        "SELECT " + COLUMNS + " FROM notifications WHERE recipient = #{user} AND deliver_at &lt;= #{now}",
        "<if test='unreadOnly'>AND read_at IS NULL</if>",
        "ORDER BY deliver_at DESC, id DESC LIMIT #{limit}",
        "</script>"})
    List<NotificationRow> visible(@Param("user") String user, @Param("unreadOnly") boolean unreadOnly,
                                  @Param("limit") int limit, @Param("now") Instant now);

    @Select("SELECT COUNT(*) FROM notifications WHERE recipient = #{user} AND read_at IS NULL "
            + "AND deliver_at <= #{now}")
    int unread(@Param("user") String user, @Param("now") Instant now);

    @Select("SELECT COUNT(*) FROM notifications WHERE id = #{id} AND recipient = #{user} AND deliver_at <= #{now}")
    int countVisible(@Param("user") String user, @Param("id") long id, @Param("now") Instant now);

    @Update("UPDATE notifications SET read_at = #{now} WHERE id = #{id} AND recipient = #{user} "
            + "AND read_at IS NULL AND deliver_at <= #{now}")
    int markRead(@Param("user") String user, @Param("id") long id, @Param("now") Instant now);

    @Update("UPDATE notifications SET read_at = #{now} WHERE recipient = #{user} AND read_at IS NULL "
            + "AND deliver_at <= #{now}")
    int markAllRead(@Param("user") String user, @Param("now") Instant now);
}
