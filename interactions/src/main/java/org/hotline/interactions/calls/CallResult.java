package org.hotline.interactions.calls;

import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchResult;

/**
 * What an in-call use case did (answer, hang up, hold, transfer, recording, listen in): {@link Done} with what it
 * did, or why nothing was done. The messages are for the user and the log, in the words the console always used.
 */
public sealed interface CallResult<T> {

    /** Carried out; {@code value} says what was done. */
    record Done<T>(T value) implements CallResult<T> {
    }

    /** The agent's state does not allow it now (no call ringing, no call in progress ...). */
    record NotNow<T>(AgentState state, String message) implements CallResult<T> {
    }

    /** The switch cannot do this at all ({@link org.hotline.platform.telephony.SwitchCapabilities}). */
    record Unsupported<T>(String message) implements CallResult<T> {
    }

    /** The switch was asked and refused. */
    record SwitchRefused<T>(SwitchResult.Refusal refusal, String message) implements CallResult<T> {
    }

    /** The agent named (a supervisor's target) is not known to routing. */
    record UnknownAgent<T>(String agent) implements CallResult<T> {
    }

    /** The request contradicts the call ({@code field} names the request's part, e.g. a transfer to the agent itself). */
    record Invalid<T>(String field, String message) implements CallResult<T> {
    }

    static <T> CallResult<T> of(SwitchResult<?> refused, T value) {
        return switch (refused) {
            case SwitchResult.Done<?> d -> new Done<>(value);
            case SwitchResult.Refused<?> r -> new SwitchRefused<>(r.why(), r.message());
        };
    }
}
