package org.hotline.ticketing.clock;

import java.util.Set;
import org.hotline.platform.ticket.workflow.ClockName;

/**
 * What one workflow step does to a ticket's clocks (a column of the workflow table, or of a common action):
 * clocks it starts (a clock already RUNNING or PAUSED is left alone; a MET or BREACHED one is started afresh only
 * after a reopen), clocks it stops (RUNNING/PAUSED → MET, or BREACHED if its due time has passed), one clock it
 * pauses with a typed reason or resumes, and whether it counts as qualifying activity (restarts STAGNATION).
 */
public record ClockEffects(Set<ClockName> start, Set<ClockName> stop, ClockName pause, String pauseReason,
                           ClockName resume, boolean activity) {
    public static final ClockEffects NONE = new ClockEffects(Set.of(), Set.of(), null, null, null, false);

    public ClockEffects {
        start = Set.copyOf(start);
        stop = Set.copyOf(stop);
    }

    public static ClockEffects starting(ClockName... names) {
        return new ClockEffects(Set.of(names), Set.of(), null, null, null, true);
    }
}
