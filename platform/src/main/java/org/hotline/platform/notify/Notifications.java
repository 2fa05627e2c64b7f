package org.hotline.platform.notify;

import java.util.List;

/** The notifications of users as the console reads them ({@code GET /api/notifications}, the bell). */
public interface Notifications {
    /** Delivered notifications of {@code username} (deliverAt reached), newest first. */
    List<Notification> of(String username, boolean unreadOnly, int limit);

    /** How many delivered notifications of {@code username} are unread. */
    int unread(String username);

    /** Marks one of the user's notifications read; false when it is not theirs or does not exist. */
    boolean markRead(String username, long id);

    /** Marks every delivered notification of the user read; how many were unread. */
    int markAllRead(String username);

    /** The bell's view at one moment: how many are unread, and the newest {@code limit} of the list asked for. */
    record Inbox(int unread, List<Notification> notifications) {
        public Inbox {
            notifications = List.copyOf(notifications);
        }
    }

    /** {@link #unread} and {@link #of} together (an implementation answers both from one read). */
    default Inbox inbox(String username, boolean unreadOnly, int limit) {
        return new Inbox(unread(username), of(username, unreadOnly, limit));
    }
}
