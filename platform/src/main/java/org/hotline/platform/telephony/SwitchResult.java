package org.hotline.platform.telephony;

import java.io.Serializable;

/**
 * What a switch did with a request of the platform: {@link Done} (with the request's value, e.g. a recording's file
 * name), or {@link Refused} with the switch's reason. A switch port never throws for a refusal; it throws only for a
 * programming error (a null argument).
 */
public sealed interface SwitchResult<T> extends Serializable {

    /** Whether the switch carried the request out. */
    default boolean done() {
        return this instanceof Done<T>;
    }

    /** The switch carried the request out; {@code value} is null for requests that have none. */
    record Done<T>(T value) implements SwitchResult<T> {
    }

    /** The switch refused; {@code message} is its reason in words, for the user and the log. */
    record Refused<T>(Refusal why, String message) implements SwitchResult<T> {
    }

    /** Why a switch refused. */
    enum Refusal {
        /** The call or device is not (or no longer) on the switch. */
        NO_SUCH_CALL,
        /** The call or device is in a state where the request makes no sense (not recording, already on hold...). */
        NOT_NOW,
        /** The switch cannot be reached (every AMI link down). */
        UNREACHABLE,
        /** The switch was reached and said no (Asterisk's own error, e.g. no attended-transfer feature code). */
        SWITCH_ERROR
    }

    static <T> SwitchResult<T> done(T value) {
        return new Done<>(value);
    }

    static SwitchResult<Void> ok() {
        return new Done<>(null);
    }

    static <T> SwitchResult<T> refused(Refusal why, String message) {
        return new Refused<>(why, message);
    }
}
