package org.hotline.ticketing.intake;

import java.time.Instant;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.hotline.platform.ticket.Channel;

/** SQL of the intake channels: who filed a web or email ticket, and the products a form's serial may name. */
public interface IntakeMapper {
    /** A product found by its serial (or IMEI): its id and its owner. */
    record ProductOwner(long productId, long customerId) {
    }

    @Select("SELECT id AS productId, customer_id AS customerId FROM products WHERE serial = #{serial} LIMIT 1")
    ProductOwner productBySerial(@Param("serial") String serial);

    @Insert("INSERT INTO intake_contacts (ticket_id, channel, name, phone, email, created_at) "
            + "VALUES (#{ticketId}, #{channel}, #{name}, #{phone}, #{email}, #{at})")
    void insertContact(@Param("ticketId") long ticketId, @Param("channel") Channel channel,
                       @Param("name") String name, @Param("phone") String phone, @Param("email") String email,
                       @Param("at") Instant at);

    /** The email a ticket's customer-visible replies go to; null when it has none. */
    @Select("SELECT email FROM intake_contacts WHERE ticket_id = #{ticketId}")
    String contactEmail(@Param("ticketId") long ticketId);

    @Select("SELECT assignee FROM tickets WHERE id = #{ticketId}")
    String assignee(@Param("ticketId") long ticketId);

    /**
     * The ticket of this number whose contact email is {@code sender} (the address the web form or the first mail
     * gave, or the ticket's contact): only its own customer can add to a ticket by mail.
     */
    @Select("SELECT t.id FROM tickets t LEFT JOIN intake_contacts c ON c.ticket_id = t.id "
            + "WHERE t.`number` = #{number} AND (LOWER(c.email) = LOWER(#{sender}) "
            + "OR LOWER(t.contact_email) = LOWER(#{sender}))")
    Long ticketOfSender(@Param("number") String number, @Param("sender") String sender);
}
