package org.hotline.ticketing.callback;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackStatus;
import org.hotline.platform.callback.NewCallback;

/** SQL for queue callbacks. Status changes are compare-and-set on the status read before. */
interface CallbackMapper {
    /** In {@link CallbackRequest}'s constructor order. */
    String COLUMNS = "id, call_id, queue, phone, customer_id, customer_name, requested_at, `status`, attempts, agent, "
            + "updated_at, note";

    @Insert("INSERT INTO callback_requests (call_id, queue, phone, customer_id, customer_name, requested_at, "
            + "`status`, attempts, updated_at) VALUES (#{c.callId}, #{c.queue}, #{c.phone}, #{c.customerId}, "
            + "#{c.customerName}, #{at}, 'PENDING', 0, #{at})")
    void insert(@Param("c") NewCallback callback, @Param("at") Instant at);

    @Select("SELECT LAST_INSERT_ID()")
    long lastInsertId();

    @Select("SELECT " + COLUMNS + " FROM callback_requests WHERE id = #{id}")
    CallbackRequest find(@Param("id") long id);

    /** Locks the row for the rest of the transaction. */
    @Select("SELECT " + COLUMNS + " FROM callback_requests WHERE id = #{id} FOR UPDATE")
    CallbackRequest lock(@Param("id") long id);

    @Update("UPDATE callback_requests SET `status` = #{to}, attempts = #{attempts}, agent = #{agent}, "
            + "note = #{note}, updated_at = #{at} WHERE id = #{id} AND `status` = #{from}")
    int move(@Param("id") long id, @Param("from") CallbackStatus from, @Param("to") CallbackStatus to,
             @Param("attempts") int attempts, @Param("agent") String agent, @Param("note") String note,
             @Param("at") Instant at);

    @Select({"<script>",
        "SELECT " + COLUMNS + " FROM callback_requests",
        "WHERE `status` IN",
        "  <foreach item='s' collection='statuses' open='(' separator=',' close=')'>#{s}</foreach>",
        "  <if test='queues != null and !queues.isEmpty()'>AND queue IN",
        "    <foreach item='q' collection='queues' open='(' separator=',' close=')'>#{q}</foreach>",
        "  </if>",
        "ORDER BY requested_at, id LIMIT #{limit}",
        "</script>"})
    List<CallbackRequest> list(@Param("statuses") Collection<CallbackStatus> statuses,
                               @Param("queues") Collection<String> queues, @Param("limit") int limit);

    @Select("SELECT COUNT(*) FROM customers WHERE id = #{id}")
    int countCustomer(@Param("id") long id);
}
