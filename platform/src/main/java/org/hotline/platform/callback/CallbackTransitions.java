package org.hotline.platform.callback;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.hotline.platform.error.ConflictException;

/** The callback state machine: every allowed move, in one table. */
public final class CallbackTransitions {
    private static final Map<CallbackStatus, Set<CallbackStatus>> ALLOWED = new EnumMap<>(CallbackStatus.class);

    static {
        // an agent claims it and dials; a supervisor may cancel it
        ALLOWED.put(CallbackStatus.PENDING, EnumSet.of(CallbackStatus.IN_PROGRESS, CallbackStatus.CANCELLED));
        // the agent reports: reached, not reached (again later / out of attempts), wrong number; or gives it back
        ALLOWED.put(CallbackStatus.IN_PROGRESS, EnumSet.of(CallbackStatus.DONE, CallbackStatus.PENDING,
                CallbackStatus.FAILED, CallbackStatus.CANCELLED));
        ALLOWED.put(CallbackStatus.DONE, EnumSet.noneOf(CallbackStatus.class));
        ALLOWED.put(CallbackStatus.FAILED, EnumSet.noneOf(CallbackStatus.class));
        ALLOWED.put(CallbackStatus.CANCELLED, EnumSet.noneOf(CallbackStatus.class));
    }

    private CallbackTransitions() {
    }

    public static boolean allowed(CallbackStatus from, CallbackStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** @throws ConflictException naming the callback when {@code from -> to} is not allowed */
    public static void check(long id, CallbackStatus from, CallbackStatus to) {
        if (!allowed(from, to)) {
            throw new ConflictException("callback " + id + " is " + from + " and cannot become " + to);
        }
    }
}
