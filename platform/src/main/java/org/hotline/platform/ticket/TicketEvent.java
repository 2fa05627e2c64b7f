package org.hotline.platform.ticket;

import java.time.Instant;

/** One line of a ticket's audit trail: who did what, when. */
public record TicketEvent(long id, long ticketId, String actor, Instant at, String action, String detail) {
}
