package org.hotline.platform.event;

import java.time.Instant;

/**
 * A ticket was created or an action was taken on it (published after the commit). Consoles refresh an open ticket
 * or worklist from it; it carries no customer data beyond the number.
 */
public record TicketChanged(long ticketId, String number, String action, String actor, String fromStatus,
                            String toStatus, long version, Instant at) implements HotlineEvent {
}
