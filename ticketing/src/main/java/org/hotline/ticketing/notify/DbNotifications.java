package org.hotline.ticketing.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hotline.platform.Times;
import org.hotline.platform.notify.Notification;
import org.hotline.platform.notify.Notifications;
import org.hotline.ticketing.db.Database;

/**
 * The read side of notifications (the bell). A notification is visible to its recipient from its delivery time on,
 * whether or not a poller has pushed it yet: a page that loads the list never misses one that the push is still on
 * its way with. Every query names the recipient, so a user can neither see nor mark another user's notifications.
 */
public final class DbNotifications implements Notifications {
    /** The most a page may ask for at once. */
    public static final int MAX_LIMIT = 200;

    private final Database db;
    private final Clock clock;

    public DbNotifications(Database db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        db.registerMapper(NotificationMapper.class);
    }

    @Override
    public List<Notification> of(String username, boolean unreadOnly, int limit) {
        Instant now = Times.now(clock);
        int bounded = Math.max(1, Math.min(MAX_LIMIT, limit));
        return db.withSession(s -> s.getMapper(NotificationMapper.class).visible(username, unreadOnly, bounded, now))
                .stream().map(NotificationRow::toNotification).toList();
    }

    @Override
    public int unread(String username) {
        Instant now = Times.now(clock);
        return db.withSession(s -> s.getMapper(NotificationMapper.class).unread(username, now));
    }

    @Override
    public Inbox inbox(String username, boolean unreadOnly, int limit) {
        Instant now = Times.now(clock);
        int bounded = Math.max(1, Math.min(MAX_LIMIT, limit));
        return db.withSession(s -> {
            NotificationMapper m = s.getMapper(NotificationMapper.class);
            List<Notification> list = m.visible(username, unreadOnly, bounded, now).stream()
                    .map(NotificationRow::toNotification).toList();
            return new Inbox(m.unread(username, now), list);
        });
    }

    @Override
    public boolean markRead(String username, long id) {
        Instant now = Times.now(clock);
        return db.inTransaction(s -> {
            NotificationMapper m = s.getMapper(NotificationMapper.class);
            if (m.countVisible(username, id, now) == 0) {
                return false;
            }
            m.markRead(username, id, now);
            return true;
        });
    }

    @Override
    public int markAllRead(String username) {
        Instant now = Times.now(clock);
        return db.inTransaction(s -> s.getMapper(NotificationMapper.class).markAllRead(username, now));
    }
}
