package org.hotline.interactions.calls;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Predicate;
import org.hotline.platform.Times;
import org.hotline.platform.audit.AuditEntry;
import org.hotline.platform.audit.AuditLog;
import org.hotline.platform.audit.AuditOutcome;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.OutboundCallPlaced;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.Originate;
import org.hotline.platform.telephony.Originate.OriginateRequest;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchResult;
import org.hotline.platform.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places a call from an agent's own phone (click-to-dial, queue callbacks): only a destination the dial plan allows,
 * only while NOT_READY or READY. A READY agent goes NOT_READY ({@value #OUTBOUND}) first, so that routing does not
 * offer it a call its busy phone could not take, and back to READY when the switch refuses the call.
 *
 * <p>The platform names the call ({@link Originate#newCallId}) and publishes {@link OutboundCallPlaced} BEFORE the
 * switch dials, so that every consumer (the live-call model, and through it the agent's console) knows the call's
 * agent from its first event; when the switch then refuses, the call ends at once ({@code CallHungUp}, SYSTEM,
 * {@code originate refused: <reason>}), so that nobody keeps a call that never was, and the call recorder closes its
 * OUTBOUND record as FAILED with that cause.
 *
 * <p>Every attempt is an audit line ({@value #AUDIT_ACTION}): SUCCESS with the new call as target, DENIED when the
 * dial plan, the agent's state or the switch's capabilities refused it, FAILURE when the switch did. Every method
 * blocks: call it off the event loop.
 */
public final class OutboundDial {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundDial.class);
    /** The NOT_READY reason of an agent who dialled out while READY. */
    public static final String OUTBOUND = "outbound";
    /** The audit action of every outbound dial. */
    public static final String AUDIT_ACTION = "call.outbound";
    /** The hang-up cause of a call the switch refused to place (followed by the switch's reason). */
    public static final String REFUSED_CAUSE = "originate refused: ";

    /** Where outbound calls leave their trace: the event stream (call records) and the audit log. */
    public record Trace(EventBus bus, AuditLog audit, Clock clock) {
        public Trace {
            Objects.requireNonNull(bus, "bus");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** One dial: who, where to, and the client's address for the audit line (null when unknown). */
    public record DialRequest(User user, String destination, String address) {
        public DialRequest {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(destination, "destination");
        }
    }

    private final AgentLookup agents;
    private final AgentDesk desk;
    private final Originate originate;
    private final SwitchCapabilities can;
    private final Predicate<String> dialPlan;
    private final Trace trace;

    /** @param dialPlan whether a destination may be dialled */
    public OutboundDial(AgentLookup agents, AgentDesk desk, Originate originate, SwitchCapabilities can,
                        Predicate<String> dialPlan, Trace trace) {
        this.agents = Objects.requireNonNull(agents, "agents");
        this.desk = Objects.requireNonNull(desk, "desk");
        this.originate = Objects.requireNonNull(originate, "originate");
        this.can = Objects.requireNonNull(can, "can");
        this.dialPlan = Objects.requireNonNull(dialPlan, "dialPlan");
        this.trace = Objects.requireNonNull(trace, "trace");
    }

    /** Why the user may not dial now (not audited: nothing was asked for yet), or null when it may. */
    public DialResult.NotNow notNow(User user) {
        return notNow(user, agents.current(user));
    }

    /** Rings the agent's phone, then calls the destination, with the agent's name as caller id. */
    public DialResult dial(DialRequest request) {
        User user = request.user();
        String destination = request.destination();
        if (!dialPlan.test(destination)) {
            audit(request, null, AuditOutcome.DENIED, destination + ": not in the dial plan");
            return new DialResult.NotInDialPlan(destination);
        }
        AgentSnapshot me = agents.current(user);
        DialResult.NotNow notNow = notNow(user, me);
        if (notNow != null) {
            audit(request, null, AuditOutcome.DENIED, destination + ": " + notNow.message());
            return notNow;
        }
        if (!can.originate()) {
            DialResult refused = new DialResult.Unsupported("this switch cannot place calls");
            audit(request, null, AuditOutcome.DENIED, destination + ": " + refused.reason());
            return refused;
        }
        boolean wasReady = me.state() == AgentState.READY;
        if (wasReady) {
            AgentMove paused = desk.notReady(user.username(), OUTBOUND);
            if (!paused.moved()) {
                // routing offered the agent a call in between: the offer wins, nothing is dialled
                audit(request, null, AuditOutcome.DENIED, destination + ": " + paused.message());
                return new DialResult.NotNow(paused instanceof AgentMove.NotAllowed n ? n.from() : me.state(),
                        paused.message());
            }
        }
        String callId = originate.newCallId();
        trace.bus().publish(new OutboundCallPlaced(callId, user.username(), me.device(), destination,
                Times.now(trace.clock())));
        SwitchResult<Void> done = originate.originate(new OriginateRequest(callId, me.device(), destination,
                callerId(user)));
        if (done instanceof SwitchResult.Refused<Void> r) {
            trace.bus().publish(new CallHungUp(callId, HangupParty.SYSTEM, REFUSED_CAUSE + r.message(),
                    Times.now(trace.clock())));
            if (wasReady) {
                backToReady(user.username());
            }
            audit(request, null, AuditOutcome.FAILURE, destination + ": " + r.message());
            return new DialResult.SwitchRefused(callId, r.why(), r.message());
        }
        LOG.info("{} dialled {} from {}: call {}", user.username(), destination, me.device(), callId);
        audit(request, "call:" + callId, AuditOutcome.SUCCESS, destination);
        return new DialResult.Dialled(callId);
    }

    private static DialResult.NotNow notNow(User user, AgentSnapshot me) {
        if (CallActions.inState(CallAction.DIAL, me.state())) {
            return null;
        }
        return new DialResult.NotNow(me.state(), user.username() + " cannot dial while " + me.state());
    }

    private void audit(DialRequest request, String target, AuditOutcome outcome, String detail) {
        trace.audit().record(new AuditEntry(Times.now(trace.clock()), request.user().username(), request.address(),
                AUDIT_ACTION, target, outcome, detail));
    }

    private void backToReady(String agent) {
        AgentMove ready = desk.ready(agent);
        if (!ready.moved()) {
            // routing's own refusal (the agent logged out meanwhile ...): the dial's answer stands
            LOG.info("{} stays NOT_READY after a failed dial: {}", agent, ready.message());
        }
    }

    private static String callerId(User user) {
        String name = user.displayName();
        return name == null || name.isBlank() ? user.username() : name;
    }
}
