package org.hotline.platform.telephony;

import java.util.List;
import java.util.function.Consumer;
import org.hotline.platform.call.OpenCall;

/**
 * What a switch still knows, after a platform restart, of the calls whose records were left open. The platform hands
 * the open calls over once at start-up, before the switch takes calls; the switch answers each exactly once, when it
 * knows (the simulator at once; Asterisk after the first channel resync of every AMI server), on any thread.
 */
public interface CallRecovery {
    /** Hands over the calls open at start-up; {@code answer} gets one {@link Recovered} per call. */
    void recover(List<OpenCall> open, Consumer<Recovered> answer);

    /** What the switch found of one open call. */
    sealed interface Recovered {
        String callId();
    }

    /** No switch knows the call any more: it ended while the platform was down. */
    record Gone(String callId) implements Recovered {
    }

    /**
     * The call is still live on the switch and is followed again: its end comes as the usual {@code CallHungUp}
     * under {@code callId}.
     */
    record Followed(String callId) implements Recovered {
    }

    /**
     * The call is live in the switch's fallback queue (the platform lost it when it stopped): followed like
     * {@link Followed}, and its record is to be closed with outcome FALLBACK.
     */
    record InFallback(String callId) implements Recovered {
    }
}
