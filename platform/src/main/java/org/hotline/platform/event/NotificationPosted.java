package org.hotline.platform.event;

import java.time.Instant;
import org.hotline.platform.notify.Notification;

/** A notification reached its delivery time; the console pushes it to its recipient's sockets. */
public record NotificationPosted(Notification notification, Instant at) implements HotlineEvent {
}
