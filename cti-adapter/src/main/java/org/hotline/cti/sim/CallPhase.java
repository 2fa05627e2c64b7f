package org.hotline.cti.sim;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a simulated call is. Inbound calls start in {@link #IVR}; outbound (originated) calls start in
 * {@link #RINGING}. The allowed moves are in {@link #canMoveTo}.
 */
public enum CallPhase {
    /** The call handler (IVR) has the caller. */
    IVR,
    /** The caller is on hold (music on hold started), waiting for an agent. */
    WAITING,
    /** An agent device rings for the call. */
    RINGING,
    /** Caller and agent device are connected. */
    TALKING,
    /** The call is over; terminal. */
    ENDED;

    private static final Map<CallPhase, Set<CallPhase>> ALLOWED = new EnumMap<>(CallPhase.class);

    static {
        ALLOWED.put(IVR, EnumSet.of(WAITING, RINGING, ENDED));
        ALLOWED.put(WAITING, EnumSet.of(RINGING, ENDED));
        // a ring that is not answered puts the caller back on hold
        ALLOWED.put(RINGING, EnumSet.of(WAITING, TALKING, ENDED));
        // TALKING -> TALKING: transferred to another device
        ALLOWED.put(TALKING, EnumSet.of(TALKING, ENDED));
        ALLOWED.put(ENDED, EnumSet.noneOf(CallPhase.class));
    }

    public boolean canMoveTo(CallPhase next) {
        return ALLOWED.get(this).contains(next);
    }

    /** The phases this one may move to. */
    public Set<CallPhase> next() {
        return Set.copyOf(ALLOWED.get(this));
    }
}
