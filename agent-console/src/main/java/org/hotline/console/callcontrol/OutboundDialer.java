package org.hotline.console.callcontrol;

import java.time.Clock;
import org.hotline.console.agent.AcdAgents;
import org.hotline.console.http.HttpError;
import org.hotline.platform.Times;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditLog;
import org.hotline.platform.audit.AuditOutcome;
import org.hotline.platform.event.CallEvent.OutboundCallPlaced;
import org.hotline.platform.event.EventBus;
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
 *
 * <p>Every outbound call leaves a trace: a destination outside the {@link DialPolicy} is refused (403, nothing
 * dialled); every attempt is an audit line ({@value #AUDIT_ACTION}: SUCCESS with the new call as target, DENIED when
 * the dial plan or the agent's state refused it, FAILURE when the switch did); and every call placed is published as
 * {@link OutboundCallPlaced}, from which the call recorder writes its OUTBOUND call record.
 */
public final class OutboundDialer {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundDialer.class);
    /** The NOT_READY reason of an agent who dialled out while READY. */
    public static final String OUTBOUND = "outbound";
    /** The audit action of every outbound dial. */
    public static final String AUDIT_ACTION = "call.outbound";

    /** Where outbound calls leave their trace: the event stream (call records) and the audit log. */
    public record Trace(EventBus bus, AuditLog audit, Clock clock) {
    }

    /** Hears of every call placed, so that its progress can reach the agent's console. */
    @FunctionalInterface
    public interface Placed {
        /** {@code agent} placed {@code callId} from {@code device} to {@code destination}. */
        void placed(String callId, String agent, String device, String destination);
    }

    private final AcdAgents acd;
    private final SwitchControl switchControl;
    private final Placed placed;
    private final Trace trace;
    private final DialPolicy policy;

    public OutboundDialer(AcdAgents acd, SwitchControl switchControl, Placed placed, Trace trace, DialPolicy policy) {
        this.acd = acd;
        this.switchControl = switchControl;
        this.placed = placed;
        this.trace = trace;
        this.policy = policy;
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
     * @param address the client's address, for the audit line (null when unknown)
     * @return the new call's id
     * @throws HttpError 403 (field destination) when the dial plan does not allow the destination
     */
    public String dial(User user, String destination, String address) {
        if (!policy.allows(destination)) {
            audit(user, address, null, AuditOutcome.DENIED, destination + ": not in the dial plan");
            throw new HttpError(403, "destination", "destination " + destination + " is not in the dial plan "
                    + "(hotline.outbound.allowed-destinations)");
        }
        AgentSnapshot me;
        try {
            me = requireCanDial(user);
        } catch (RuntimeException refused) {
            audit(user, address, null, AuditOutcome.DENIED, destination + ": " + refused.getMessage());
            throw refused;
        }
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
            audit(user, address, null, AuditOutcome.FAILURE, destination + ": " + refused.getMessage());
            throw refused;
        }
        LOG.info("{} dialled {} from {}: call {}", user.username(), destination, me.device(), callId);
        trace.bus().publish(new OutboundCallPlaced(callId, user.username(), me.device(), destination,
                Times.now(trace.clock())));
        audit(user, address, "call:" + callId, AuditOutcome.SUCCESS, destination);
        placed.placed(callId, user.username(), me.device(), destination);
        return callId;
    }

    /** The client's IP address for the audit line, or null. */
    public static String clientAddress(io.vertx.ext.web.RoutingContext rc) {
        var remote = rc.request().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    private void audit(User user, String address, String target, AuditOutcome outcome, String detail) {
        trace.audit().record(new AuditEntry(Times.now(trace.clock()), user.username(), address, AUDIT_ACTION, target,
                outcome, detail));
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
