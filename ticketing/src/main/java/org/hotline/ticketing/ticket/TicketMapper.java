package org.hotline.ticketing.ticket;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.Ticket;
import org.hotline.ticketing.db.RecordResultMaps;
import org.hotline.platform.ticket.TicketEvent;
import org.hotline.platform.ticket.TicketStatus;

/** SQL for tickets, their audit trail and the rows a ticket may refer to. */
interface TicketMapper {
    String COLUMNS = TicketSql.COLUMNS;

    @Insert("INSERT INTO tickets (`type`, category, priority, `status`, customer_id, product_id, call_id, service_mode, "
            + "description, created_by, created_at, updated_at, complaint_class, severity, channel, contact_name, "
            + "contact_phone, contact_email, product_model, product_serial) VALUES (#{t.type}, #{t.category}, "
            + "#{t.priority}, #{status}, #{t.customerId}, #{t.productId}, #{t.callId}, #{t.serviceMode}, "
            + "#{t.description}, #{actor}, #{at}, #{at}, #{t.complaintClass}, #{t.severity}, #{t.channel}, "
            + "#{t.contact.name}, #{t.contact.phone}, #{t.contact.email}, #{t.productModel}, #{t.productSerial})")
    void insert(@Param("t") NewTicket ticket, @Param("status") TicketStatus status, @Param("actor") String actor,
                @Param("at") Instant at);

    @Select("SELECT LAST_INSERT_ID()")
    long lastInsertId();

    @Update("UPDATE tickets SET `number` = #{number} WHERE id = #{id}")
    void assignNumber(@Param("id") long id, @Param("number") String number);

    @Insert("INSERT INTO ticket_events (ticket_id, actor, `at`, `action`, detail, to_status, fields) "
            + "VALUES (#{ticketId}, #{actor}, #{at}, #{action}, #{detail}, #{toStatus}, #{fields})")
    void insertEvent(@Param("ticketId") long ticketId, @Param("actor") String actor, @Param("at") Instant at,
                     @Param("action") String action, @Param("detail") String detail,
                     @Param("toStatus") TicketStatus toStatus, @Param("fields") String fields);

    @ResultMap(RecordResultMaps.TICKET)
    @Select("SELECT " + COLUMNS + " FROM tickets WHERE id = #{id}")
    Ticket find(@Param("id") long id);

    @ResultMap(RecordResultMaps.TICKET)
    @Select({"<script>",
        "SELECT " + COLUMNS + " FROM tickets",
        "<where>",
        "  <if test='customerId != null'>customer_id = #{customerId}</if>",
        "  <if test='createdBy != null'>AND created_by = #{createdBy}</if>",
        "  <if test='involving != null'>AND (created_by = #{involving} OR assignee = #{involving})</if>",
        "  <if test='statuses != null and !statuses.isEmpty()'>AND `status` IN",
        "    <foreach item='s' collection='statuses' open='(' separator=',' close=')'>#{s}</foreach>",
        "  </if>",
        "</where>",
        "ORDER BY created_at DESC, id DESC LIMIT #{limit}",
        "</script>"})
    List<Ticket> search(@Param("customerId") Long customerId, @Param("createdBy") String createdBy,
                        @Param("involving") String involving, @Param("statuses") Collection<TicketStatus> statuses,
                        @Param("limit") int limit);

    /** The customer of the call's record (null when the call has none or has no record). */
    @Select("SELECT customer_id FROM call_records WHERE call_id = #{callId}")
    Long callCustomer(@Param("callId") String callId);

    @Select("SELECT id, ticket_id, actor, `at`, `action`, detail FROM ticket_events WHERE ticket_id = #{ticketId} "
            + "ORDER BY `at`, id")
    List<TicketEvent> history(@Param("ticketId") long ticketId);

    @Select("SELECT COUNT(*) FROM tickets WHERE id = #{id}")
    int countTicket(@Param("id") long id);

    @Select("SELECT COUNT(*) FROM customers WHERE id = #{id}")
    int countCustomer(@Param("id") long id);

    /** The customer a merged customer lives on as (merges repoint earlier ones: one step), null if not merged. */
    @Select("SELECT merged_into FROM customers WHERE id = #{id}")
    Long mergedInto(@Param("id") long id);

    /** The owner of a product, or null for an unknown product. */
    @Select("SELECT customer_id FROM products WHERE id = #{id}")
    Long productOwner(@Param("id") long productId);

    @Select("SELECT COUNT(*) FROM call_records WHERE call_id = #{callId}")
    int countCall(@Param("callId") String callId);
}
