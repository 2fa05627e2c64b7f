package org.hotline.console.callcontrol;

import org.hotline.console.agent.AcdAgents;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchControl;
import org.hotline.platform.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places a call from an agent's own phone (click-to-dial, queue callbacks): only while NOT_READY or READY; a READY
 * agent goes NOT_READY ({@value #OUTBOUND}) first, so that routing does not offer it a call its busy phone could not
 * take, and back to READY when the switch refuses the call. The switch's refusals are rethrown as they are (404 / 409
 * with its message). Every method blocks: call it off the event loop.
 */
public final class OutboundDialer {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundDialer.class);
    /** The NOT_READY reason of an agent who dialled out while READY. */
    public static final String OUTBOUND = "outbound";

    /** Hears of every call placed, so that its progress can reach the agent's console. */
    @FunctionalInterface
    public interface Placed {
        /** {@code agent} placed {@code callId} from {@code device} to {@code destination}. */
        void placed(String callId, String agent, String device, String destination);
    }

    private final AcdAgents acd;
    private final SwitchControl switchControl;
    private final Placed placed;

    public OutboundDialer(AcdAgents acd, SwitchControl switchControl, Placed placed) {
        this.acd = acd;
        this.switchControl = switchControl;
        this.placed = placed;
    }

    /**
     * The agent's snapshot when it may dial now.
     *
     * @throws ConflictException when the agent is neither NOT_READY nor READY
     */
    public AgentSnapshot requireCanDial(User user) {
        AgentSnapshot me = acd.current(user);
        if (me.state() != AgentState.NOT_READY && me.state() != AgentState.READY) {
            throw new ConflictException(user.username() + " cannot dial while " + me.state());
        }
        return me;
    }

    /**
     * Rings the agent's phone, then calls {@code destination}, with the agent's name as caller id.
     *
     * @return the new call's id
     */
    public String dial(User user, String destination) {
        AgentSnapshot me = requireCanDial(user);
        boolean wasReady = me.state() == AgentState.READY;
        if (wasReady) {
            acd.desk().notReady(user.username(), OUTBOUND);
        }
        String callId;
        try {
            callId = switchControl.originate(me.device(), destination, callerId(user));
        } catch (RuntimeException refused) {
            if (wasReady) {
                backToReady(user.username());
            }
            throw refused;
        }
        LOG.debug("{} dialled {} from {}: call {}", user.username(), destination, me.device(), callId);
        placed.placed(callId, user.username(), me.device(), destination);
        return callId;
    }

    private void backToReady(String agent) {
        try {
            acd.desk().ready(agent);
        } catch (RuntimeException e) {
            LOG.info("{} stays NOT_READY after a failed dial: {}", agent, e.getMessage());
        }
    }

    private static String callerId(User user) {
        String name = user.displayName();
        return name == null || name.isBlank() ? user.username() : name;
    }
}
