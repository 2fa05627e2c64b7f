package org.hotline.platform.call;

import java.util.List;
import java.util.Optional;

/** Read side of the call records (they are written from the event stream). */
public interface CallLog {
    Optional<CallRecord> find(String callId);

    /** Newest first. */
    List<CallRecord> recent(int limit);

    List<CallRecord> byCustomer(long customerId, int limit);

    List<CallRecord> byAgent(String agent, int limit);

    /**
     * Whether {@code callId} is a call that has started but whose record may not be written yet (the records are
     * written asynchronously from the event stream). Such a call exists although {@link #find} does not see it yet.
     */
    default boolean isPending(String callId) {
        return false;
    }
}
