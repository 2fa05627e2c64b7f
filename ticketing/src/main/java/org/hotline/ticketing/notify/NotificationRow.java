package org.hotline.ticketing.notify;

import java.time.Instant;
import org.hotline.platform.notify.Notification;

/** One row of {@code notifications} as stored: the parameters still as JSON text. */
record NotificationRow(long id, String recipient, String kind, String params, Long ticketId, String ticketNumber,
                       boolean urgent, Instant createdAt, Instant deliverAt, Instant deliveredAt, Instant readAt) {
    Notification toNotification() {
        return new Notification(id, recipient, kind, NotificationParams.read(params), ticketId, ticketNumber, urgent,
                createdAt, deliverAt, readAt);
    }
}
