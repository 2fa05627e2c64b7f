package org.hotline.ticketing.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.event.CallEvent.CallAnswered;
import org.hotline.platform.event.CallEvent.CallArrived;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.IvrCompleted;
import org.hotline.platform.event.CallEvent.OutboundCallPlaced;
import org.hotline.platform.live.LiveCall;
import org.hotline.platform.live.LiveCalls;
import org.hotline.platform.routing.CallContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the calls the cluster saw start while no node recorded them. The call recorder runs on the node that holds
 * the switch's link; between the loss of a holder and the take-over by another (a few seconds after a crash), a call
 * that comes in over FastAGI on a surviving node is published to every node, and no recorder hears its arrival.
 * Every node's live-call model did hear it, so the node that takes the link over hands the recorder, for each call
 * the model has live and the database has no record of, the events its record is written from, rebuilt from the
 * model ({@link #eventsOf}); the recorder then follows the call's later events as if it had heard it arrive. What the
 * model does not keep is not invented: the switch's id of the call (so a later restart cannot find it on the switch
 * again: its record is then closed as interrupted) and a call that came and ended within the gap (the model has it
 * among the ended calls, which it does not list).
 */
public final class CallCatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(CallCatchUp.class);

    private CallCatchUp() {
    }

    /**
     * Hands {@code recorder} every live call of {@code calls} it has no record of (after every event handed to it so
     * far); a call it recorded meanwhile is left alone.
     *
     * @return how many live calls were looked at
     */
    public static int recordMissing(CallRecorder recorder, LiveCalls calls) {
        List<LiveCall> active = calls.active();
        for (LiveCall call : active) {
            List<CallEvent> events = eventsOf(call);
            if (!events.isEmpty()) {
                recorder.catchUp(call.callId(), events);
            }
        }
        if (!active.isEmpty()) {
            LOG.info("call records: {} live calls checked for a record the cluster missed", active.size());
        }
        return active.size();
    }

    /** The events a record of {@code call} is written from, in order; none for a call known only from a stray. */
    static List<CallEvent> eventsOf(LiveCall call) {
        List<CallEvent> events = new ArrayList<>();
        String id = call.callId();
        Instant start = call.startedAt();
        if (call.direction() == CallDirection.OUTBOUND) {
            events.add(new OutboundCallPlaced(id, call.agent() != null ? call.agent() : call.offeredTo(),
                    call.device(), call.destination(), start));
            return events;
        }
        if (call.direction() != CallDirection.INBOUND || start == null) {
            return events;
        }
        events.add(new CallArrived(id, call.caller(), call.destination(), null, start));
        CallContext context = call.context();
        Instant queuedAt = context != null && context.queuedAt() != null ? context.queuedAt() : null;
        if (context != null) {
            events.add(new IvrCompleted(id, context.ivrPath(), context.digits(), context.customerId(),
                    context.customerName(), context.customerClass(), call.queue(), queuedAt != null ? queuedAt : start));
        }
        if (call.queue() != null) {
            events.add(new CallQueued(id, call.queue(), context == null ? 0 : context.priority(), false,
                    queuedAt != null ? queuedAt : start));
        }
        if (context != null && call.offeredTo() != null && call.offeredAt() != null) {
            events.add(new CallOffered(context, call.offeredTo(), call.device(), call.offeredAt()));
        }
        if (call.answeredAt() != null) {
            events.add(new CallAnswered(id, call.queue(), call.agent() != null ? call.agent() : call.offeredTo(),
                    call.answeredAt()));
        }
        return events;
    }
}
