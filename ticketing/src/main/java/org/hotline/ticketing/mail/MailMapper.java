package org.hotline.ticketing.mail;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of the mail channel: the inbox of mails taken in (by Message-ID) and the outbox of mails to send. */
interface MailMapper {
    /** An inbox row: its id, state (PENDING, DONE) and ticket. */
    record InboxRow(long id, String state, Long ticketId, Instant claimedAt) {
    }

    /** An outbox row to send. */
    record OutboxRow(long id, Long ticketId, String kind, String toAddress, String subject, String body,
                     int attempts, Instant nextAttemptAt) {
    }

    @Select("SELECT id, `state`, ticket_id AS ticketId, claimed_at AS claimedAt FROM mail_inbox "
            + "WHERE message_id = #{messageId}")
    InboxRow inbox(@Param("messageId") String messageId);

    @Insert("INSERT INTO mail_inbox (message_id, sender, subject, `state`, received_at, claimed_at) "
            + "VALUES (#{messageId}, #{sender}, #{subject}, 'PENDING', #{at}, #{at})")
    void insertPending(@Param("messageId") String messageId, @Param("sender") String sender,
                       @Param("subject") String subject, @Param("at") Instant at);

    @Select("SELECT LAST_INSERT_ID()")
    long lastInsertId();

    /** Takes over a PENDING row whose claimer went quiet, if no other node did first. */
    @Update("UPDATE mail_inbox SET claimed_at = #{at} WHERE id = #{id} AND `state` = 'PENDING' "
            + "AND claimed_at = #{seen}")
    int takeOver(@Param("id") long id, @Param("seen") Instant seen, @Param("at") Instant at);

    @Update("UPDATE mail_inbox SET `state` = 'DONE', ticket_id = #{ticketId}, threaded = #{threaded}, "
            + "done_at = #{at} WHERE id = #{id}")
    void done(@Param("id") long id, @Param("ticketId") long ticketId, @Param("threaded") boolean threaded,
              @Param("at") Instant at);

    /** The ticket a crashed intake already wrote for inbox row {@code id} (its actor names the row). */
    @Select("SELECT id FROM tickets WHERE created_by = #{actor} ORDER BY id LIMIT 1")
    Long ticketCreatedBy(@Param("actor") String actor);

    @Select("SELECT `number` FROM tickets WHERE id = #{id}")
    String numberOf(@Param("id") long id);

    @Select("SELECT COUNT(*) FROM intake_contacts WHERE ticket_id = #{ticketId}")
    int contactCount(@Param("ticketId") long ticketId);

    /**
     * A customer's mail as a line of the ticket's history: the sender in {@code detail}, the text as its comment,
     * the status unchanged.
     */
    @Insert("INSERT INTO ticket_events (ticket_id, actor, `at`, `action`, detail, from_status, to_status, comment) "
            + "SELECT id, #{actor}, #{at}, #{action}, #{detail}, `status`, `status`, #{comment} FROM tickets "
            + "WHERE id = #{ticketId}")
    void insertMessage(@Param("ticketId") long ticketId, @Param("actor") String actor, @Param("at") Instant at,
                       @Param("action") String action, @Param("detail") String detail,
                       @Param("comment") String comment);

    @Insert("INSERT INTO mail_outbox (ticket_id, kind, to_address, subject, body, created_at, next_attempt_at) "
            + "VALUES (#{ticketId}, #{kind}, #{to}, #{subject}, #{body}, #{at}, #{at})")
    void enqueue(@Param("ticketId") Long ticketId, @Param("kind") String kind, @Param("to") String to,
                 @Param("subject") String subject, @Param("body") String body, @Param("at") Instant at);

    @Select("SELECT id, ticket_id AS ticketId, kind, to_address AS toAddress, subject, body, attempts, "
            + "next_attempt_at AS nextAttemptAt FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= #{now} "
            + "ORDER BY next_attempt_at, id LIMIT #{limit}")
    List<OutboxRow> due(@Param("now") Instant now, @Param("limit") int limit);

    /** Claims a due row for one sender: moves its next attempt to the end of the lease, if nobody did first. */
    @Update("UPDATE mail_outbox SET next_attempt_at = #{leaseUntil} WHERE id = #{id} AND sent_at IS NULL "
            + "AND next_attempt_at = #{seen}")
    int claim(@Param("id") long id, @Param("seen") Instant seen, @Param("leaseUntil") Instant leaseUntil);

    @Update("UPDATE mail_outbox SET sent_at = #{at}, attempts = attempts + 1, last_error = NULL WHERE id = #{id}")
    void sent(@Param("id") long id, @Param("at") Instant at);

    @Update("UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = #{next}, last_error = #{error} "
            + "WHERE id = #{id}")
    void failed(@Param("id") long id, @Param("next") Instant next, @Param("error") String error);
}
