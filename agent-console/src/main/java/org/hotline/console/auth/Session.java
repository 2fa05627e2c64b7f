package org.hotline.console.auth;

import java.time.Instant;
import org.hotline.platform.user.User;

/** A logged-in user behind a bearer token; {@code expiresAt} slides forward on every use. */
public record Session(String token, User user, Instant createdAt, Instant expiresAt) {
    public String username() {
        return user.username();
    }

    /** Does not print the token. */
    @Override
    public String toString() {
        return "Session[user=" + user.username() + ", expiresAt=" + expiresAt + "]";
    }
}
