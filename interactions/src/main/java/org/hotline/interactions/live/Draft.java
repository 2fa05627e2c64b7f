package org.hotline.interactions.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.live.LiveCall;
import org.hotline.platform.live.LiveCall.Dial;
import org.hotline.platform.live.LiveCall.Phase;
import org.hotline.platform.live.LiveCall.Transfer;
import org.hotline.platform.routing.CallContext;

/** A {@link LiveCall} being changed by one rule: a mutable copy, turned back into the record at the end. */
final class Draft {
    final String callId;
    CallDirection direction;
    String caller;
    String destination;
    String queue;
    String agent;
    String device;
    Phase phase;
    boolean onHold;
    boolean recording;
    String recordingFile;
    final List<Transfer> transfers;
    CallContext context;
    String offeredTo;
    Dial lastDial;
    Instant startedAt;
    Instant offeredAt;
    Instant answeredAt;
    Instant endedAt;
    HangupParty endParty;
    String endCause;

    Draft(LiveCall c) {
        callId = c.callId();
        direction = c.direction();
        caller = c.caller();
        destination = c.destination();
        queue = c.queue();
        agent = c.agent();
        device = c.device();
        phase = c.phase();
        onHold = c.onHold();
        recording = c.recording();
        recordingFile = c.recordingFile();
        transfers = new ArrayList<>(c.transfers());
        context = c.context();
        offeredTo = c.offeredTo();
        lastDial = c.lastDial();
        startedAt = c.startedAt();
        offeredAt = c.offeredAt();
        answeredAt = c.answeredAt();
        endedAt = c.endedAt();
        endParty = c.endParty();
        endCause = c.endCause();
    }

    /** Moves to {@code next} unless the call is over (nothing revives an ended call). */
    Draft phase(Phase next) {
        if (phase != Phase.ENDED) {
            phase = next;
        }
        return this;
    }

    boolean ended() {
        return phase == Phase.ENDED;
    }

    LiveCall done() {
        return new LiveCall(callId, direction, caller, destination, queue, agent, device, phase, onHold, recording,
                recordingFile, transfers, context, offeredTo, lastDial, startedAt, offeredAt, answeredAt, endedAt,
                endParty, endCause);
    }
}
