package org.hotline.platform.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.hotline.platform.user.User;

/**
 * A logged-in user behind a bearer token. {@code idleExpiresAt} slides forward by {@code idleTimeout} on every use
 * (never past {@code expiresAt}); {@code expiresAt} is the absolute end, fixed at login, which no amount of use moves.
 * The idle timeout travels with the session (it is decided by the user's roles at login) so that whichever node
 * slides it, in whichever {@link SessionRepository}, slides it by the same amount with no policy at hand.
 */
public record Session(String token, User user, Instant createdAt, Duration idleTimeout, Instant idleExpiresAt,
                      Instant expiresAt) {
    public Session {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(idleExpiresAt, "idleExpiresAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A session opened at {@code now}: idle expiry {@code idleTimeout} away, absolute end {@code lifetime} away. */
    public static Session opened(String token, User user, Instant now, Duration idleTimeout, Duration lifetime) {
        Instant end = now.plus(lifetime);
        Instant idle = now.plus(idleTimeout);
        return new Session(token, user, now, idleTimeout, idle.isAfter(end) ? end : idle, end);
    }

    public String username() {
        return user.username();
    }

    /** Whether the session may still be used at {@code now}. */
    public boolean isLiveAt(Instant now) {
        return now.isBefore(idleExpiresAt) && now.isBefore(expiresAt);
    }

    /** The session used at {@code now}: its idle expiry pushed to {@code now + idleTimeout}, never past the end. */
    public Session usedAt(Instant now) {
        Instant idle = now.plus(idleTimeout);
        return new Session(token, user, createdAt, idleTimeout, idle.isAfter(expiresAt) ? expiresAt : idle,
                expiresAt);
    }

    /** The same session carrying {@code current} (its roles changed) and its idle timeout; expiries unchanged. */
    public Session withUser(User current, Duration currentIdleTimeout) {
        return new Session(token, current, createdAt, currentIdleTimeout, idleExpiresAt, expiresAt);
    }

    /** Does not print the token. */
    @Override
    public String toString() {
        return "Session[user=" + user.username() + ", idleExpiresAt=" + idleExpiresAt + ", expiresAt=" + expiresAt
                + "]";
    }
}
