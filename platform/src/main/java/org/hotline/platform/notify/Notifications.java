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
}
