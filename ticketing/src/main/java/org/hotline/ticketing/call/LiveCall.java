package org.hotline.ticketing.call;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.hotline.platform.call.CallOutcome;
import org.hotline.platform.event.CallEvent.DialProgress;
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
    /** The agent's phone(s) of an outbound call; null for an inbound call. */
    private final Set<String> agentPhones;
    /** How the last ended dial of the destination (not the agent's phone) of an outbound call ended. */
    private DialProgress destinationDial;
    private boolean fallback;

    /** An inbound call. */
    LiveCall() {
        this.agentPhones = null;
    }

    private LiveCall(Set<String> agentPhones) {
        this.agentPhones = agentPhones;
    }

    /** An outbound call placed from {@code device} (a device list {@code a&b} counts as each member). */
    static LiveCall outbound(String device) {
        return new LiveCall(device == null ? Set.of() : Set.of(device.split("&")));
    }

    boolean isOutbound() {
        return agentPhones != null;
    }

    /**
     * A dial of an outbound call: the dials of the agent's own phone are left aside; an ended dial of anything else
     * is the destination's, and its answer is the call's answer.
     *
     * @return whether the dial was the destination answering (for the first time)
     */
    boolean dialled(String destination, DialProgress progress, Instant at) {
        if (!isOutbound() || !progress.ended() || agentPhones.contains(destination)) {
            return false;
        }
        destinationDial = progress;
        if (progress == DialProgress.ANSWERED && answeredAt == null) {
            answeredAt = at;
            return true;
        }
        return false;
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
        if (isOutbound()) {
            return outboundOutcome(cause);
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

    /**
     * An outbound call: ANSWERED once the destination answered; else as its dial ended (BUSY; NO_ANSWER when it rang
     * out or the agent gave up; FAILED when unreachable or failed); else, when the destination was never dialled
     * (the agent's phone did not answer, the switch refused), from the hang-up cause: {@code busy} BUSY,
     * {@code normal} / {@code no-answer} NO_ANSWER, anything else FAILED.
     */
    private CallOutcome outboundOutcome(String cause) {
        if (answeredAt != null) {
            return CallOutcome.ANSWERED;
        }
        if (destinationDial != null) {
            return switch (destinationDial) {
                case BUSY -> CallOutcome.BUSY;
                case NO_ANSWER, CANCELLED -> CallOutcome.NO_ANSWER;
                default -> CallOutcome.FAILED;
            };
        }
        String c = cause == null ? "" : cause.toLowerCase(Locale.ROOT);
        return switch (c) {
            case "busy" -> CallOutcome.BUSY;
            case "normal", "no-answer" -> CallOutcome.NO_ANSWER;
            default -> CallOutcome.FAILED;
        };
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
