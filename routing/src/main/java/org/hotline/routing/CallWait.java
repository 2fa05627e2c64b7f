package org.hotline.routing;

import java.io.Serial;
import java.io.Serializable;
import org.hotline.platform.routing.Reservation;
import org.hotline.routing.queue.CallStatus;

/**
 * A queued call as its waiting IVR session sees it: its status, the agent reserved for it (ringing or talking) and
 * its place in the queue. {@link #GONE} for a call the ACD no longer holds.
 */
record CallWait(CallStatus status, Reservation reservation, int position) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static final CallWait GONE = new CallWait(CallStatus.ENDED, null, 0);

    boolean waiting() {
        return status == CallStatus.WAITING;
    }
}
