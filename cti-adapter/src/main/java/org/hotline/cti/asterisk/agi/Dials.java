package org.hotline.cti.asterisk.agi;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.platform.telephony.ConnectResult;

/**
 * The Dials in flight on one FastAGI server, keyed by call id: {@code connect} registers its Dial before sending it,
 * the {@code answered?call=<id>} session completes it the moment the agent answers, and the Dial thread removes it
 * when Asterisk's Dial returns. Thread-safe.
 */
final class Dials {
    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** A Dial for {@code callId} is about to be sent; the returned future completes when its agent answers. */
    CompletableFuture<Void> begin(String callId) {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        waiting.put(callId, answered);
        inFlight.incrementAndGet();
        return answered;
    }

    /** The Dial for {@code callId} returned (its Dial thread is about to end). */
    void end(String callId, CompletableFuture<Void> answered) {
        waiting.remove(callId, answered);
        inFlight.decrementAndGet();
    }

    /**
     * The agent ringing for {@code callId} answered.
     *
     * @return false when no Dial for that call is in flight here
     */
    boolean answered(String callId) {
        CompletableFuture<Void> answered = callId == null ? null : waiting.get(callId);
        if (answered == null) {
            return false;
        }
        answered.complete(null);
        return true;
    }

    /** How many Dial threads are running (each waits for one Asterisk Dial to return). */
    int inFlight() {
        return inFlight.get();
    }

    /**
     * Maps Asterisk's {@code DIALSTATUS} after a Dial that returned without the answered signal: ANSWER is ANSWERED,
     * NOANSWER and CANCEL are NO_ANSWER, BUSY and CONGESTION are BUSY, CHANUNAVAIL and anything else UNAVAILABLE.
     */
    static ConnectResult resultOf(String dialStatus) {
        String status = dialStatus == null ? "" : dialStatus.strip().toUpperCase(Locale.ROOT);
        return switch (status) {
            case "ANSWER" -> ConnectResult.ANSWERED;
            case "NOANSWER", "CANCEL" -> ConnectResult.NO_ANSWER;
            case "BUSY", "CONGESTION" -> ConnectResult.BUSY;
            default -> ConnectResult.UNAVAILABLE;
        };
    }
}
