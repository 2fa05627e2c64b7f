package org.hotline.platform.live;

import java.util.List;
import java.util.Optional;

/**
 * The read side of the one live-call model (see {@link LiveCall}): the calls on the switch now, and the ones that
 * ended a short while ago (so that a page reloaded after the hang-up can still file the call's ticket).
 *
 * <p>Delivery rule: a call's changes are applied and told in the order its events were published, one call at a
 * time; an event that changes nothing (a repeat, a stale ring-no-answer) tells nothing. Listeners are called on the
 * publishing thread, under the call's lock: they must not block nor publish (hand the change to their own thread or
 * context, as the console's relay does); reading the model back ({@link #find}) is fine.
 */
public interface LiveCalls {
    /** The call, live or recently ended; empty for an unknown or null id. */
    Optional<LiveCall> find(String callId);

    /** The calls {@code agent} has now (offered, talking, placing), oldest first; ended calls are not. */
    List<LiveCall> ofAgent(String agent);

    /** Every call not ended, oldest first (the wallboard's snapshot). */
    List<LiveCall> active();

    /** Tells {@code listener} every change of every call from now on; close the subscription to stop. */
    Subscription subscribe(Listener listener);

    /** Hears of changes. */
    @FunctionalInterface
    interface Listener {
        void changed(LiveCallChange change);
    }

    /** Cancels a subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
