package org.hotline.ticketing.clock;

import java.util.List;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;

/**
 * What an SLA policy is chosen by: the ticket's type, complaint class and severity (complaints only, else null),
 * priority, the customer's class (null without a customer) and the departments involved (their calendars; none →
 * the centre's default calendar). {@code assignee} is whom a warning goes to.
 */
public record ClockSubject(long ticketId, String number, TicketType type, ComplaintClass complaintClass,
                           Severity severity, TicketPriority priority, CustomerClass customerClass,
                           List<Long> departmentIds, String assignee) {
    public ClockSubject {
        departmentIds = List.copyOf(departmentIds);
    }
}
