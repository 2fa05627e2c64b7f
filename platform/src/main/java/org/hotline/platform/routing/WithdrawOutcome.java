package org.hotline.platform.routing;

import java.io.Serializable;
/**
 * How {@link CallRouter#withdraw} ended: the caller leaves with the callback, stays for the agent routing already
 * chose, or is gone. Each tells the IVR what to do with the callback request it stored just before.
 */
public sealed interface WithdrawOutcome extends Serializable
        permits WithdrawOutcome.Withdrawn, WithdrawOutcome.AgentAlreadyReserved, CallGone {

    /** The call left its queue without counting as abandoned; {@code CallbackRequested} was published: hang up. */
    record Withdrawn(String callId, long callbackId) implements WithdrawOutcome {
    }

    /** Nothing changed: {@code reservation}'s agent is already ringing or talking: cancel the callback, connect. */
    record AgentAlreadyReserved(Reservation reservation) implements WithdrawOutcome {
    }
}
