package org.hotline.platform.routing;

import java.io.Serializable;
/**
 * How an agent's own request to change state ended ({@link AgentDesk#ready}, {@code notReady}, {@code logout},
 * {@code finishWrapUp}, {@code login}). A refusal is an answer the console shows, not an error: the agent asked while
 * a call was being offered, or while its phone was offline. Nothing changed unless the answer is {@link Moved}.
 */
public sealed interface AgentMove extends Serializable {

    /** The move was made (or there was nothing to do, e.g. logging in while logged in): the agent as it is now. */
    record Moved(AgentSnapshot agent) implements AgentMove {
    }

    /** Routing does not know the agent: it was never registered. */
    record UnknownAgent(String agent) implements AgentMove {
    }

    /** The agent's state does not allow the move (the state table, or a call being offered): {@code wanted} names it. */
    record NotAllowed(String agent, AgentState from, String wanted) implements AgentMove {
    }

    /** READY needs a reachable phone, and none of the agent's devices is reachable. */
    record DeviceUnavailable(String agent, String device) implements AgentMove {
    }

    /** NOT_READY needs a reason (break, training, …), and none was given. */
    record ReasonRequired(String agent) implements AgentMove {
    }

    /** The answer in words, for logs and for the console's error line. */
    default String message() {
        return switch (this) {
            case Moved m -> m.agent().username() + " is " + m.agent().state();
            case UnknownAgent u -> "unknown agent: " + u.agent();
            case NotAllowed n -> n.agent() + " cannot " + n.wanted() + " while " + n.from();
            case DeviceUnavailable d -> d.agent() + " cannot go READY: device " + d.device() + " is unavailable";
            case ReasonRequired r -> r.agent() + " needs a reason to go NOT_READY";
        };
    }

    default boolean moved() {
        return this instanceof Moved;
    }

    /** The agent as it is now; for a test or a caller that knows the move cannot be refused. */
    default AgentSnapshot orElseThrow() {
        if (this instanceof Moved m) {
            return m.agent();
        }
        throw new IllegalStateException(message());
    }
}
