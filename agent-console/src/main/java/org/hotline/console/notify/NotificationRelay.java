package org.hotline.console.notify;

import io.vertx.core.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.console.http.Json;
import org.hotline.console.ws.SocketRegistry;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.NotificationPosted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes each delivered notification to its recipient's open sockets, and to nobody else:
 * {@code {"type":"notification","notification":{...NotificationView},"at"}}. A recipient without a socket sees it
 * when a page next loads the bell's list. Kept apart from the call relay ({@code EventRelay}): notifications need
 * no ordering with call messages.
 */
public final class NotificationRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationRelay.class);

    private final EventBus bus;
    private final Context context;
    private final SocketRegistry sockets;
    private EventBus.Subscription subscription;

    public NotificationRelay(EventBus bus, Context context, SocketRegistry sockets) {
        this.bus = bus;
        this.context = context;
        this.sockets = sockets;
    }

    public synchronized void start() {
        if (subscription == null) {
            subscription = bus.subscribe(NotificationPosted.class, e -> context.runOnContext(v -> push(e)));
        }
    }

    /** The message a socket receives for {@code e}. */
    public static String message(NotificationPosted e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "notification");
        m.put("notification", NotificationView.of(e.notification()));
        m.put("at", e.at());
        return Json.write(m);
    }

    private void push(NotificationPosted e) {
        try {
            String recipient = e.notification().recipient();
            if (sockets.hasUser(recipient)) {
                sockets.sendToUser(recipient, message(e));
            }
        } catch (RuntimeException ex) {
            LOG.error("pushing notification {} failed", e.notification().id(), ex);
        }
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
