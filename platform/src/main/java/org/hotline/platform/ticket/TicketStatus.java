package org.hotline.platform.ticket;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a ticket stands in its workflow (the tables of {@code ticketing/.../workflow/Workflows}). NEW is the state of
 * every new ticket; CLOSED and CLOSED_WITH_GUIDANCE are final except that a closed complaint may be REOPENED.
 */
public enum TicketStatus {
    NEW, HANDED_OFF, ASSIGNED, IN_PROGRESS, ESCALATED, RESOLVED, CLOSED, CLOSED_WITH_GUIDANCE, REOPENED;

    /** The states in which a ticket still needs work ("open tickets" of the screen-pop and the worklist). */
    public static final Set<TicketStatus> OPEN = Set.copyOf(EnumSet.complementOf(EnumSet.of(CLOSED,
            CLOSED_WITH_GUIDANCE)));

    public boolean isClosed() {
        return this == CLOSED || this == CLOSED_WITH_GUIDANCE;
    }
}
