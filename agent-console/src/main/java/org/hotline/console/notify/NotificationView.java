package org.hotline.console.notify;

import java.time.Instant;
import java.util.Map;
import org.hotline.platform.notify.Notification;

/**
 * A notification as the bell gets it (list and push alike): the message's {@code kind} and {@code params} are
 * rendered by the browser in the user's language; {@code ticketId} opens the ticket. The recipient is left out: it is
 * always the caller.
 */
public record NotificationView(long id, String kind, Map<String, String> params, Long ticketId, String ticketNumber,
                               boolean urgent, Instant createdAt, Instant deliverAt, Instant readAt, boolean read) {
    public static NotificationView of(Notification n) {
        return new NotificationView(n.id(), n.kind(), n.params(), n.ticketId(), n.ticketNumber(), n.urgent(),
                n.createdAt(), n.deliverAt(), n.readAt(), n.readAt() != null);
    }
}
