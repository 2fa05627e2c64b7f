package org.hotline.console.notify;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.QueryParams;
import org.hotline.console.http.Responses;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.notify.Notifications;

/**
 * The bell's API. Every route works on the caller's own notifications only (the user comes from the session, never
 * from the request), so another user's notification id answers 404, exactly like one that does not exist.
 */
public final class NotificationRoutes {
    static final int DEFAULT_LIMIT = 30;
    static final int MAX_LIMIT = 200;

    private final Notifications notifications;
    private final Blocking blocking;

    public NotificationRoutes(Notifications notifications, Blocking blocking) {
        this.notifications = notifications;
        this.blocking = blocking;
    }

    public void mount(Router router) {
        router.get("/api/notifications").handler(Responses.ok(this::list));
        router.post("/api/notifications/read-all").handler(Responses.ok(this::readAll));
        router.post("/api/notifications/:id/read").handler(Responses.ok(this::read));
    }

    /** {@code ?unread=true&limit=1..200}: {@code {"unread": N, "notifications": [...]}}, newest first. */
    private Future<Map<String, Object>> list(RoutingContext rc) {
        String user = AuthHandler.user(rc).username();
        boolean unreadOnly = QueryParams.flag(rc, "unread");
        int limit = QueryParams.intInRange(rc, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        return blocking.run(() -> {
            Notifications.Inbox inbox = notifications.inbox(user, unreadOnly, limit);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("unread", inbox.unread());
            body.put("notifications", inbox.notifications().stream().map(NotificationView::of).toList());
            return body;
        });
    }

    /** {@code {"id": id, "read": true}}; 404 when the id is not one of the caller's notifications. */
    private Future<Map<String, Object>> read(RoutingContext rc) {
        String user = AuthHandler.user(rc).username();
        long id = QueryParams.pathId(rc, "id", "the notification id");
        return blocking.run(() -> {
            if (!notifications.markRead(user, id)) {
                throw new NotFoundException("notification " + id + " not found");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("read", true);
            return body;
        });
    }

    /** {@code {"marked": N, "unread": 0}}: every notification of the caller shown so far is read. */
    private Future<Map<String, Object>> readAll(RoutingContext rc) {
        String user = AuthHandler.user(rc).username();
        return blocking.run(() -> {
            int marked = notifications.markAllRead(user);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("marked", marked);
            body.put("unread", 0);
            return body;
        });
    }
}
