package org.hotline.platform.notify;

import java.time.Instant;
import java.util.Map;

/**
 * A message to one user, kept until read. {@code kind} names the message (e.g. {@code ticket.assigned},
 * {@code clock.warning}, {@code complaint.major}) and {@code params} its values: the console renders it in the
 * user's language from its message files. {@code deliverAt} is when it is shown (a recipient outside working hours
 * gets it at their next start, except an urgent one); {@code readAt} is null while unread.
 */
public record Notification(long id, String recipient, String kind, Map<String, String> params, Long ticketId,
                           String ticketNumber, boolean urgent, Instant createdAt, Instant deliverAt,
                           Instant readAt) {
    public Notification {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
