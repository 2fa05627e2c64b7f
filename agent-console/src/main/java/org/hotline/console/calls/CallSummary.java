package org.hotline.console.calls;

import java.time.Instant;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;

/**
 * A past call in a list (screen-pop, customer card): an outbound call shows its direction and the number dialled.
 * Never the recording's file name: the card is read by every agent, the recording only by the call's agent and
 * supervisors (see {@link org.hotline.console.access.DataAccess}).
 */
public record CallSummary(String callId, Instant arrivedAt, String queue, String agent, CallOutcome outcome,
                          CallDirection direction, String destination) {
    public static CallSummary of(CallRecord r) {
        return new CallSummary(r.callId(), r.arrivedAt(), r.queue(), r.agent(), r.outcome(), r.direction(),
                r.destination());
    }
}
