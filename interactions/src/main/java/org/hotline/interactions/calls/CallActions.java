package org.hotline.interactions.calls;

import java.util.EnumSet;
import java.util.Set;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchCapabilities;

/**
 * Which call actions an agent may take now, from its state and what the switch can do: the console shows only these
 * (no Answer button where the agent picks up a desk phone), and every use case refuses the rest with the same rule
 * before it asks the switch. One table, so the buttons and the refusals cannot disagree.
 */
public final class CallActions {
    private CallActions() {
    }

    /** The actions open to an agent in {@code state} on a switch that can do {@code can}. */
    public static Set<CallAction> allowed(AgentState state, SwitchCapabilities can) {
        Set<CallAction> actions = EnumSet.noneOf(CallAction.class);
        for (CallAction action : CallAction.values()) {
            if (inState(action, state) && capable(action, can)) {
                actions.add(action);
            }
        }
        return actions;
    }

    /** Whether the agent's state allows {@code action} (whatever the switch can do). */
    public static boolean inState(CallAction action, AgentState state) {
        return switch (action) {
            case ANSWER -> state == AgentState.RESERVED;
            case HANGUP, HOLD, TRANSFER, RECORDING -> state == AgentState.ON_CALL;
            case DIAL -> state == AgentState.NOT_READY || state == AgentState.READY;
        };
    }

    /** Whether the switch can do {@code action} at all. */
    public static boolean capable(CallAction action, SwitchCapabilities can) {
        return switch (action) {
            case ANSWER -> can.answerFromConsole();
            case HANGUP -> true;
            case HOLD -> can.hold();
            case TRANSFER -> can.blindTransfer() || can.attendedTransfer();
            case RECORDING -> can.recording();
            case DIAL -> can.originate();
        };
    }
}
