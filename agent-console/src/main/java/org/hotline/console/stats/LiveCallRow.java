package org.hotline.console.stats;

import java.time.Instant;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.live.LiveCall;

/**
 * One call in progress on the wallboard, from the live-call model: where it stands, its queue and agent, its
 * badges, and since when it runs ({@code since}: arrival, or when the agent placed it).
 */
public record LiveCallRow(String callId, CallDirection direction, LiveCall.Phase phase, String queue, String agent,
                          boolean onHold, boolean recording, Instant since) {
    public static LiveCallRow of(LiveCall c) {
        return new LiveCallRow(c.callId(), c.direction(), c.phase(), c.queue(), c.agent(), c.onHold(), c.recording(),
                c.startedAt());
    }
}
