package org.hotline.routing;

import java.time.Duration;
import java.util.concurrent.Future;

/** The timers the routing engine arms; each fires back into the ACD, which checks that it is still current. */
interface RoutingTimers {
    /** Ends the wrap-up of {@code agent} unless it made another transition since (its count moved on). */
    Future<?> wrapUpEnds(String agent, long transitions, Duration after);

    /** Treats offer number {@code offer} of a call as rung out if the IVR never reported on it. */
    Future<?> ringExpires(String callId, int offer, Duration after);
}
