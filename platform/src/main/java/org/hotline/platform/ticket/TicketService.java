package org.hotline.platform.ticket;

import java.util.List;
import java.util.Optional;

public interface TicketService {
    /**
     * Validates and stores a ticket (status NEW), with a "create" line in its audit trail.
     *
     * @throws org.hotline.platform.error.ValidationException naming the first invalid field; nothing is written
     */
    Ticket create(NewTicket ticket, String actor);

    Optional<Ticket> find(long id);

    List<Ticket> search(TicketQuery query);

    List<TicketEvent> history(long ticketId);
}
