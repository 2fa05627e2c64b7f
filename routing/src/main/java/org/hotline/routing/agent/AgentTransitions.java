package org.hotline.routing.agent;

import static org.hotline.platform.routing.AgentState.LOGGED_OUT;
import static org.hotline.platform.routing.AgentState.NOT_READY;
import static org.hotline.platform.routing.AgentState.ON_CALL;
import static org.hotline.platform.routing.AgentState.READY;
import static org.hotline.platform.routing.AgentState.RESERVED;
import static org.hotline.platform.routing.AgentState.WRAP_UP;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.routing.AgentState;

/**
 * The agent state machine: the only transitions the ACD makes.
 *
 * <pre>
 * LOGGED_OUT → NOT_READY                      login
 * NOT_READY  → READY, NOT_READY, LOGGED_OUT   ready, change reason, logout
 * READY      → RESERVED, NOT_READY, LOGGED_OUT offer, not ready (or device offline), logout
 * RESERVED   → ON_CALL, NOT_READY, READY      answer, ring-no-answer, caller hung up while ringing
 * ON_CALL    → WRAP_UP                        call ended or transferred away
 * WRAP_UP    → READY, NOT_READY               timer or finish, not ready
 * </pre>
 *
 * <p>The moves out of RESERVED are the ACD's own (answer, ring-no-answer, caller gone): an agent cannot ask for them
 * ({@link #checkRequested}), or a ringing call would be left with an agent that is no longer reserved for it.
 */
public final class AgentTransitions {
    private static final Map<AgentState, Set<AgentState>> ALLOWED = new EnumMap<>(AgentState.class);

    static {
        ALLOWED.put(LOGGED_OUT, EnumSet.of(NOT_READY));
        ALLOWED.put(NOT_READY, EnumSet.of(READY, NOT_READY, LOGGED_OUT));
        ALLOWED.put(READY, EnumSet.of(RESERVED, NOT_READY, LOGGED_OUT));
        ALLOWED.put(RESERVED, EnumSet.of(ON_CALL, NOT_READY, READY));
        ALLOWED.put(ON_CALL, EnumSet.of(WRAP_UP));
        ALLOWED.put(WRAP_UP, EnumSet.of(READY, NOT_READY));
    }

    private AgentTransitions() {
    }

    public static boolean allowed(AgentState from, AgentState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** @throws ConflictException naming the agent and both states when the table does not allow the move */
    public static void check(String agent, AgentState from, AgentState to) {
        if (!allowed(from, to)) {
            throw refused(agent, from, to);
        }
    }

    /** Like {@link #check}, for a move the agent asks for (ready, not ready, logout): never out of RESERVED. */
    public static void checkRequested(String agent, AgentState from, AgentState to) {
        if (from == RESERVED) {
            throw refused(agent, from, to);
        }
        check(agent, from, to);
    }

    private static ConflictException refused(String agent, AgentState from, AgentState to) {
        return new ConflictException(agent + " cannot go " + to + " while " + from);
    }
}
