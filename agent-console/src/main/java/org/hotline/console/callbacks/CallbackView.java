package org.hotline.console.callbacks;

import java.time.Instant;
import org.hotline.platform.callback.CallbackRequest;
import org.hotline.platform.callback.CallbackStatus;

/**
 * A queue callback as the consoles see it (HTTP and the WebSocket {@code callback} message). {@code callId} is the
 * caller's call that asked for it (null when it did not come from a call); {@code agent} is who works it or last
 * worked it; {@code customerId} / {@code customerName} are null for an unknown caller.
 */
public record CallbackView(long id, String queue, String phone, Long customerId, String customerName,
                           Instant requestedAt, CallbackStatus status, int attempts, String agent, Instant updatedAt,
                           String note, String callId) {
    public static CallbackView of(CallbackRequest c) {
        return new CallbackView(c.id(), c.queue(), c.phone(), c.customerId(), c.customerName(), c.requestedAt(),
                c.status(), c.attempts(), c.agent(), c.updatedAt(), c.note(), c.callId());
    }
}
