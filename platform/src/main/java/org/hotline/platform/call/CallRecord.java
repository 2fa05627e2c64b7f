package org.hotline.platform.call;

import java.time.Instant;

/**
 * A call's durable record: every phase's timestamp (null when the phase did not happen), what the IVR collected,
 * where it went and how it ended. {@code outcome} is null while the call is live. {@code waitMs} is the time in queue
 * until answer or abandon, {@code talkMs} the conversation; both null when the phase did not happen. {@code recordingFile} names the call's recording, when it was recorded.
 * {@code direction} says who started the call; an OUTBOUND call has the dialling {@code agent}, the number dialled
 * ({@code destination}, also in {@code dnis}), {@code offeredAt} when the agent's phone started ringing and
 * {@code answeredAt} when the destination answered.
 */
public record CallRecord(String callId, String ani, String dnis, Instant arrivedAt, Instant ivrEndedAt,
                         Instant queuedAt, Instant offeredAt, Instant answeredAt, Instant endedAt, String ivrPath,
                         String digits, String queue, String agent, Long customerId, CallOutcome outcome,
                         String hangupCause, Long waitMs, Long talkMs, String recordingFile,
                         CallDirection direction, String destination) {
    public CallRecord {
        direction = direction == null ? CallDirection.INBOUND : direction;
    }
}
