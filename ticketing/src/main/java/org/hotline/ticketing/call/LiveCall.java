package org.hotline.ticketing.call;

import java.time.Duration;
import java.time.Instant;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.event.CallEvent.HangupParty;

/**
 * What the recorder remembers about a call between its arrival and its hang-up. Touched only by the recorder's
 * writer thread.
 */
final class LiveCall {
    private String ivrQueue;
    private Instant queuedAt;
    private Instant offeredAt;
    private Instant answeredAt;
    private boolean callbackRequested;
    private boolean fallback;

    LiveCall() {
    }

    /**
     * A call found open at start-up and still on the switch: its stored phases; with {@code fallback} the switch's
     * fallback queue serves it and it ends FALLBACK whatever happens.
     */
    static LiveCall of(CallRecord r, boolean fallback) {
        LiveCall c = new LiveCall();
        c.ivrQueue = r.ivrEndedAt() == null ? null : r.queue();
        c.queuedAt = r.queuedAt();
        c.offeredAt = r.offeredAt();
        c.answeredAt = r.answeredAt();
        c.fallback = fallback;
        return c;
    }

    void ivrChose(String queue) {
        ivrQueue = queue;
    }

    /** The caller left the queue with a callback arranged. */
    void callbackRequested() {
        callbackRequested = true;
    }

    /** @return when the call was first queued */
    Instant queued(Instant at) {
        if (queuedAt == null) {
            queuedAt = at;
        }
        return queuedAt;
    }

    /** @return when the call was first offered */
    Instant offered(Instant at) {
        if (offeredAt == null) {
            offeredAt = at;
        }
        return offeredAt;
    }

    /** @return when the call was first answered */
    Instant answered(Instant at) {
        if (answeredAt == null) {
            answeredAt = at;
        }
        return answeredAt;
    }

    /**
     * FALLBACK if the switch's fallback queue took the call over; else ANSWERED if answered; else CALLBACK_REQUESTED if the caller left the queue for a callback; else ABANDONED if it
     * was queued; else FAILED if the IVR chose a queue the call never
     * reached, or the system hung up for a cause other than "normal"; else IVR_ONLY.
     */
    CallOutcome outcome(HangupParty party, String cause) {
        if (fallback) {
            return CallOutcome.FALLBACK;
        }
        if (answeredAt != null) {
            return CallOutcome.ANSWERED;
        }
        if (callbackRequested) {
            return CallOutcome.CALLBACK_REQUESTED;
        }
        if (queuedAt != null) {
            return CallOutcome.ABANDONED;
        }
        if (ivrQueue != null || (party == HangupParty.SYSTEM && !"normal".equalsIgnoreCase(cause))) {
            return CallOutcome.FAILED;
        }
        return CallOutcome.IVR_ONLY;
    }

    /** From first queuing to the answer (or to the end when unanswered); null when never queued. */
    Long waitMs(Instant endedAt) {
        if (queuedAt == null) {
            return null;
        }
        return millisBetween(queuedAt, answeredAt != null ? answeredAt : endedAt);
    }

    /** From the answer to the end; null when never answered. */
    Long talkMs(Instant endedAt) {
        return answeredAt == null ? null : millisBetween(answeredAt, endedAt);
    }

    private static long millisBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }
}
