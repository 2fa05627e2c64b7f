package org.hotline.console.access;

import java.util.Optional;
import org.hotline.platform.call.CallDirection;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.user.User;

/**
 * Who may link a new ticket to which call: the agent who handled the call (answered it, or placed it when it is an
 * outbound call), the agent on that call now (the record may not be written yet: the call recorder is asynchronous),
 * or a supervisor / administrator. An agent who was only offered the call (it rang, it did not answer) did not talk
 * to the caller and may not. That the ticket's customer is the call's customer, and that the call exists at all, the
 * ticket service checks in the same transaction as the insert.
 *
 * <p>Another agent's call is a 403 (field {@code callId}): the request is well formed and names a real call, and the
 * same body from a supervisor would be accepted, so it is the actor that is refused, not the input. A call that does
 * not exist is a 400 naming {@code callId} as before.
 */
public final class TicketLinks {
    /** The answer for one new ticket. */
    public sealed interface Decision {
    }

    /** The ticket may name this call (or names none). */
    public record Allowed() implements Decision {
    }

    /** The ticket may not name this call: {@code status} 403 or 400, the field is {@code callId}. */
    public record Refused(int status, String field, String message) implements Decision {
    }

    private static final Allowed ALLOWED = new Allowed();

    private final DataAccess access;

    public TicketLinks(DataAccess access) {
        this.access = access;
    }

    /** Blocking: reads the ACD and the call records. */
    public Decision check(User user, NewTicket ticket) {
        String callId = ticket.callId();
        if (callId == null) {
            return ALLOWED;
        }
        if (DataAccess.seesAll(user) || callId.equals(access.currentCall(user).orElse(null))) {
            return ALLOWED;
        }
        Optional<CallRecord> record = access.calls().find(callId);
        if (record.isPresent()) {
            CallRecord call = record.get();
            if (user.username().equals(call.agent())) {
                if (call.answeredAt() != null || call.direction() == CallDirection.OUTBOUND) {
                    return ALLOWED;
                }
                return new Refused(403, "callId", "call " + callId + " was offered to " + user.username()
                        + " but not answered; only the agent who handled it or a supervisor may link a ticket to it");
            }
            return notYours(callId);
        }
        if (access.calls().isPending(callId) || access.someAgentIsOn(callId)) {
            return notYours(callId);
        }
        return new Refused(400, "callId", "call " + callId + " does not exist");
    }

    private static Refused notYours(String callId) {
        return new Refused(403, "callId", "call " + callId + " was not handled by you; only the agent who handled "
                + "it or a supervisor may link a ticket to it");
    }
}
