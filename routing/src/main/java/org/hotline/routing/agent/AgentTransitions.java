package org.hotline.routing.agent;

import static org.hotline.platform.routing.AgentState.LOGGED_OUT;
import static org.hotline.platform.routing.AgentState.NOT_READY;
import static org.hotline.platform.routing.AgentState.ON_CALL;
import static org.hotline.platform.routing.AgentState.READY;
import static org.hotline.platform.routing.AgentState.RESERVED;
import static org.hotline.platform.routing.AgentState.WRAP_UP;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * ({@link #allowedOnRequest}), or a ringing call would be left with an agent that is no longer reserved for it.
 *
 * <p>The moves the ACD makes on its own when the switch reports an agent's device are a second, smaller table
 * ({@link #onDevice}), so that "who goes back to READY when the phone is reachable again" is one row and not a
 * condition buried in the engine:
 *
 * <pre>
 * from       reason               the agent's device      to
 * READY      (any)                no longer reachable     NOT_READY (device-unavailable)
 * NOT_READY  device-unavailable   reachable again         READY
 * </pre>
 *
 * Only the platform's own {@code device-unavailable} comes back: an agent who chose NOT_READY (break, training, or
 * a ring-no-answer) stays NOT_READY whatever its phone does. Every other state waits for its own next move (a RESERVED,
 * ON_CALL or WRAP_UP agent's device is checked again on its way into READY).
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

    /** What the switch's report says of an agent's whole device (any member of a device list reachable or not). */
    public enum DeviceSignal {
        /** None of the agent's devices is reachable any more. */
        UNREACHABLE,
        /** The agent's device is reachable (again). */
        REACHABLE
    }

    /**
     * One row of the device table: an agent in {@code from} with reason {@code reason} ({@code null}: any reason)
     * whose device gives {@code signal} moves to {@code to} with {@code toReason}.
     */
    public record DeviceMove(AgentState from, String reason, DeviceSignal signal, AgentState to, String toReason) {
        public DeviceMove {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(to, "to");
        }

        boolean matches(AgentState state, String agentReason, DeviceSignal s) {
            return from == state && signal == s && (reason == null || reason.equals(agentReason));
        }
    }

    private static final List<DeviceMove> DEVICE_MOVES = List.of(
            new DeviceMove(READY, null, DeviceSignal.UNREACHABLE, NOT_READY, AgentReasons.DEVICE_UNAVAILABLE),
            new DeviceMove(NOT_READY, AgentReasons.DEVICE_UNAVAILABLE, DeviceSignal.REACHABLE, READY, null));

    static {
        for (DeviceMove m : DEVICE_MOVES) {
            if (!ALLOWED.get(m.from()).contains(m.to())) {
                throw new ExceptionInInitializerError("device move " + m + " is not in the state table");
            }
        }
    }

    private AgentTransitions() {
    }

    /** The move the ACD makes when {@code signal} comes for an agent in {@code state} with {@code reason}, if any. */
    public static Optional<DeviceMove> onDevice(AgentState state, String reason, DeviceSignal signal) {
        return DEVICE_MOVES.stream().filter(m -> m.matches(state, reason, signal)).findFirst();
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

    /** Like {@link #allowed}, for a move the agent asks for (ready, not ready, logout): never out of RESERVED. */
    public static boolean allowedOnRequest(AgentState from, AgentState to) {
        return from != RESERVED && allowed(from, to);
    }

    private static ConflictException refused(String agent, AgentState from, AgentState to) {
        return new ConflictException(agent + " cannot go " + to + " while " + from);
    }
}
