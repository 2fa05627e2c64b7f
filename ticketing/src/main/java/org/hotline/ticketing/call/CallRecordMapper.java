package org.hotline.ticketing.call;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.call.OpenCall;

/**
 * SQL for {@code call_records}. Every update is idempotent (a write retried after a lost acknowledgement leaves the
 * same row); the arrival is a plain INSERT, so that a call id met twice is an error and never merges two calls (the
 * recorder tells its own retried insert from another call's row).
 */
interface CallRecordMapper {
    String COLUMNS = "call_id, ani, dnis, arrived_at, ivr_ended_at, queued_at, offered_at, answered_at, ended_at, "
            + "ivr_path, digits, queue, agent, customer_id, outcome, hangup_cause, wait_ms, talk_ms, recording_file, "
            + "direction, destination";

    @Insert("INSERT INTO call_records (call_id, ani, dnis, arrived_at, switch_call_id) "
            + "VALUES (#{callId}, #{ani}, #{dnis}, #{at}, #{switchCallId})")
    void arrived(@Param("callId") String callId, @Param("ani") String ani, @Param("dnis") String dnis,
                 @Param("at") Instant at, @Param("switchCallId") String switchCallId);

    /** The stored arrival of a call id, to tell a retried insert of ours from another call's row. */
    @Select("SELECT call_id, switch_call_id, arrived_at FROM call_records WHERE call_id = #{callId}")
    OpenCall arrival(@Param("callId") String callId);

    /** Records without an outcome, oldest first. */
    @Select("SELECT call_id, switch_call_id, arrived_at FROM call_records WHERE outcome IS NULL "
            + "ORDER BY arrived_at, call_id LIMIT #{limit}")
    List<OpenCall> open(@Param("limit") int limit);

    /**
     * Closes a record left open by a platform that stopped; a record closed meanwhile is left alone. Wait and talk
     * times stay unknown (null): when the call really ended is not known.
     */
    @Update("UPDATE call_records SET ended_at = #{at}, outcome = #{outcome}, hangup_cause = #{cause} "
            + "WHERE call_id = #{callId} AND outcome IS NULL")
    int closeOpen(@Param("callId") String callId, @Param("at") Instant at, @Param("outcome") CallOutcome outcome,
                  @Param("cause") String cause);

    /**
     * An outbound call's row: the agent's phone rings from {@code at}; the customer is the one whose phone number
     * was dialled, when there is one.
     */
    @Insert("INSERT INTO call_records (call_id, ani, dnis, arrived_at, offered_at, agent, customer_id, direction, "
            + "destination) VALUES (#{callId}, #{device}, #{destination}, #{at}, #{at}, #{agent}, "
            + "(SELECT MIN(customer_id) FROM customer_phones WHERE phone = #{destination}), 'OUTBOUND', "
            + "#{destination})")
    void outboundPlaced(@Param("callId") String callId, @Param("agent") String agent, @Param("device") String device,
                        @Param("destination") String destination, @Param("at") Instant at);

    @Update("UPDATE call_records SET ivr_ended_at = #{at}, ivr_path = #{path}, digits = #{digits}, "
            + "customer_id = #{customerId}, queue = #{queue} WHERE call_id = #{callId}")
    void ivrCompleted(@Param("callId") String callId, @Param("at") Instant at, @Param("path") String path,
                      @Param("digits") String digits, @Param("customerId") Long customerId,
                      @Param("queue") String queue);

    @Update("UPDATE call_records SET queued_at = #{queuedAt}, queue = #{queue} WHERE call_id = #{callId}")
    void queued(@Param("callId") String callId, @Param("queuedAt") Instant firstQueuedAt,
                @Param("queue") String queue);

    @Update("UPDATE call_records SET offered_at = #{offeredAt}, agent = #{agent} WHERE call_id = #{callId}")
    void offered(@Param("callId") String callId, @Param("offeredAt") Instant firstOfferedAt,
                 @Param("agent") String agent);

    @Update("UPDATE call_records SET recording_file = #{file} WHERE call_id = #{callId}")
    void recording(@Param("callId") String callId, @Param("file") String file);

    @Update("UPDATE call_records SET answered_at = #{answeredAt}, agent = #{agent} WHERE call_id = #{callId}")
    void answered(@Param("callId") String callId, @Param("answeredAt") Instant answeredAt,
                  @Param("agent") String agent);

    /** The destination of an outbound call answered. */
    @Update("UPDATE call_records SET answered_at = #{at} WHERE call_id = #{callId}")
    void destinationAnswered(@Param("callId") String callId, @Param("at") Instant at);

    @Update("UPDATE call_records SET ended_at = #{at}, outcome = #{outcome}, hangup_cause = #{cause}, "
            + "wait_ms = #{waitMs}, talk_ms = #{talkMs} WHERE call_id = #{callId}")
    void hungUp(@Param("callId") String callId, @Param("at") Instant at, @Param("outcome") CallOutcome outcome,
                @Param("cause") String cause, @Param("waitMs") Long waitMs, @Param("talkMs") Long talkMs);

    @Select("SELECT " + COLUMNS + " FROM call_records WHERE call_id = #{callId}")
    CallRecord find(@Param("callId") String callId);

    @Select("SELECT COUNT(*) FROM call_records WHERE call_id = #{callId}")
    int count(@Param("callId") String callId);

    @Select("SELECT " + COLUMNS + " FROM call_records ORDER BY arrived_at DESC, call_id DESC LIMIT #{limit}")
    List<CallRecord> recent(@Param("limit") int limit);

    @Select("SELECT " + COLUMNS + " FROM call_records WHERE customer_id = #{customerId} "
            + "ORDER BY arrived_at DESC, call_id DESC LIMIT #{limit}")
    List<CallRecord> byCustomer(@Param("customerId") long customerId, @Param("limit") int limit);

    @Select("SELECT " + COLUMNS + " FROM call_records WHERE agent = #{agent} "
            + "ORDER BY arrived_at DESC, call_id DESC LIMIT #{limit}")
    List<CallRecord> byAgent(@Param("agent") String agent, @Param("limit") int limit);
}
