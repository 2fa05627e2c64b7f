package org.hotline.platform.callback;

import java.time.Instant;

/**
 * A queue callback: the caller of {@code callId} left {@code queue} asking to be called back on {@code phone}.
 * {@code attempts} counts the times an agent dialled it; {@code agent} is who works it (or last worked it);
 * {@code note} is the last remark (the agent's, or why it was cancelled).
 */
public record CallbackRequest(long id, String callId, String queue, String phone, Long customerId,
                              String customerName, Instant requestedAt, CallbackStatus status, int attempts,
                              String agent, Instant updatedAt, String note) {
}
