package org.hotline.ticketing.ticket;

/** SQL text shared by the ticket store and the workflow desk, so that both read a ticket row the same way. */
public final class TicketSql {
    /** The columns of {@code tickets} in the order of the {@link org.hotline.platform.ticket.Ticket} record. */
    public static final String COLUMNS = "id, `number`, `type`, category, priority, `status`, customer_id, product_id, "
            + "call_id, service_mode, description, assignee, created_by, created_at, updated_at, closed_at, "
            + "complaint_class, severity, channel, contact_name, contact_phone, contact_email, escalation_level, "
            + "resolution, customer_informed_via, customer_informed_at, guidance, product_model, product_serial, "
            + "version";

    private TicketSql() {
    }
}
