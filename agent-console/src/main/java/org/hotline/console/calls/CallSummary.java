package org.hotline.console.calls;

import java.time.Instant;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;

/** A past call in a list (screen-pop, customer card). */
public record CallSummary(String callId, Instant arrivedAt, String queue, String agent, CallOutcome outcome) {
    public static CallSummary of(CallRecord r) {
        return new CallSummary(r.callId(), r.arrivedAt(), r.queue(), r.agent(), r.outcome());
    }
}
