package org.hotline.interactions.calls;

import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchResult;

/** What an outbound dial did: {@link Dialled} with the new call, or why nothing was dialled. */
public sealed interface DialResult {

    /** The switch accepted the call {@code callId} (the agent's phone rings first). */
    record Dialled(String callId) implements DialResult {
    }

    /** The dial plan does not allow {@code destination}; nothing was dialled. */
    record NotInDialPlan(String destination) implements DialResult {
    }

    /** The agent's state does not allow dialling (only NOT_READY or READY may). */
    record NotNow(AgentState state, String message) implements DialResult {
    }

    /** The switch cannot place calls. */
    record Unsupported(String message) implements DialResult {
    }

    /**
     * The switch refused the call (the agent's phone is busy or offline, no server reachable ...); the call id chosen
     * for it has ended at once ({@code CallHungUp}, SYSTEM).
     */
    record SwitchRefused(String callId, SwitchResult.Refusal refusal, String message) implements DialResult {
    }

    /** The reason in words of a dial that did not happen; null for {@link Dialled}. */
    default String reason() {
        return switch (this) {
            case Dialled d -> null;
            case NotInDialPlan n -> "destination " + n.destination() + " is not in the dial plan";
            case NotNow n -> n.message();
            case Unsupported u -> u.message();
            case SwitchRefused r -> r.message();
        };
    }
}
