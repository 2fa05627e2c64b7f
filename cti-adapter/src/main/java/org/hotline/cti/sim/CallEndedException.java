package org.hotline.cti.sim;

import org.hotline.platform.error.ConflictException;

/**
 * A request on a call that has just ended: a conflict to the simulator's own callers (as before), but to the ports
 * the call is no longer on the switch ({@code NO_SUCH_CALL}), as Asterisk answers once a channel is gone.
 */
final class CallEndedException extends ConflictException {
    CallEndedException(String callId) {
        super("call " + callId + " has ended");
    }
}
