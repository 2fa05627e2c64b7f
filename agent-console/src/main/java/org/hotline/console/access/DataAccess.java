package org.hotline.console.access;

import java.util.Objects;
import java.util.Optional;
import org.hotline.console.auth.Access;
import org.hotline.platform.call.CallLog;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.user.User;

/**
 * The data-access policy: which records a logged-in user may read, beyond the route rules of
 * {@link org.hotline.console.auth.AccessPolicy} (which only say who may call a route at all). One place, so that the
 * routes cannot drift apart; the README's "Data-access policy" section is this class in words.
 *
 * <ul>
 *   <li>Supervisors and administrators read everything.</li>
 *   <li>An agent reads every customer (search and card: it needs them for the screen-pop, for a caller who calls
 *       from another number, and to dial a customer back).</li>
 *   <li>Tickets: which user sees which ticket is the ticket desk's rule (one table, {@code TicketVisibility} in
 *       ticketing), for one ticket and for lists alike; an agent sees the tickets it created or is assigned to,
 *       and every ticket of the customer of the call it is on now.</li>
 *   <li>An agent reads the call records of the calls offered to it or placed by it (the record's agent), and with
 *       them the recording's file name; no other call's, and no other call's recording.</li>
 * </ul>
 *
 * Refusals are 403 for a record that exists; a list is narrowed to what the agent may see rather than refused.
 * Blocking (reads the ACD and, for the customer served now, the call records): call it off the event loop.
 */
public final class DataAccess {
    private final AgentDesk desk;
    private final CallLog calls;

    public DataAccess(AgentDesk desk, CallLog calls) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /** Supervisors and administrators see every record. */
    public static boolean seesAll(User user) {
        return Access.SUPERVISOR.allows(user);
    }

    /** Whether {@code user} may read the call's record (with its recording's file name). */
    public boolean mayRead(User user, CallRecord call) {
        return seesAll(user) || user.username().equals(call.agent());
    }

    /** The call attached to the agent in the ACD now (ringing, talking, wrapping up), if any. */
    public Optional<String> currentCall(User user) {
        return desk.agent(user.username()).map(AgentSnapshot::callId);
    }

    /** The customer of the agent's current call, when the call has a known customer and a record. */
    public Optional<Long> customerServedNow(User user) {
        return currentCall(user).flatMap(calls::find).map(CallRecord::customerId);
    }

    /** Whether some agent has the call attached in the ACD now. */
    public boolean someAgentIsOn(String callId) {
        return desk.agents().stream().anyMatch(a -> callId.equals(a.callId()));
    }

    CallLog calls() {
        return calls;
    }
}
