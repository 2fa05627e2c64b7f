package org.hotline.console.auth;

import java.time.Instant;
import org.hotline.platform.user.User;

/**
 * A logged-in user behind a bearer token. {@code idleExpiresAt} slides forward on every use; {@code expiresAt} is the
 * absolute end, fixed at login, which no amount of use moves.
 */
public record Session(String token, User user, Instant createdAt, Instant idleExpiresAt, Instant expiresAt) {
    public String username() {
        return user.username();
    }

    /** Whether the session may still be used at {@code now}. */
    public boolean isLiveAt(Instant now) {
        return now.isBefore(idleExpiresAt) && now.isBefore(expiresAt);
    }

    /** Does not print the token. */
    @Override
    public String toString() {
        return "Session[user=" + user.username() + ", idleExpiresAt=" + idleExpiresAt + ", expiresAt=" + expiresAt
                + "]";
    }
}
