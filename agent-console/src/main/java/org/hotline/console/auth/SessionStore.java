package org.hotline.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.hotline.platform.Times;
import org.hotline.platform.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side sessions in memory: token → user and expiries. The idle expiry slides by the user's idle timeout
 * ({@link SessionPolicy}) on every successful lookup; the absolute expiry is fixed at login. Ended sessions (logout,
 * expiry, shutdown) are announced to the registered listeners.
 */
public final class SessionStore {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    private final Clock clock;
    private final SessionPolicy policy;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<Session>> endListeners = new CopyOnWriteArrayList<>();

    public SessionStore(Clock clock, SessionPolicy policy) {
        this.clock = clock;
        this.policy = policy;
    }

    /** With one idle timeout for every role and the default absolute lifetime. */
    public SessionStore(Clock clock, Duration idle) {
        this(clock, SessionPolicy.idleFor(idle));
    }

    /** Called with every session that ends, on the thread that ended it. */
    public void onEnded(Consumer<Session> listener) {
        endListeners.add(listener);
    }

    public Session create(User user) {
        Instant now = Times.now(clock);
        Session session = new Session(Tokens.next(), user, now, now.plus(policy.idleTimeout(user)),
                now.plus(policy.absoluteLifetime()));
        sessions.put(session.token(), session);
        LOG.info("user {} logged in", user.username());
        return session;
    }

    /**
     * The live session for {@code token}, its idle expiry pushed forward (never past the absolute one); empty when
     * unknown or expired (an expired session is ended by the next purge).
     */
    public Optional<Session> touch(String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        Instant now = Times.now(clock);
        Session current = sessions.get(token);
        if (current == null) {
            return Optional.empty();
        }
        if (!current.isLiveAt(now)) {
            return Optional.empty();
        }
        Instant idle = now.plus(policy.idleTimeout(current.user()));
        Session slid = new Session(token, current.user(), current.createdAt(),
                idle.isAfter(current.expiresAt()) ? current.expiresAt() : idle, current.expiresAt());
        return Optional.ofNullable(sessions.computeIfPresent(token, (k, old) -> slid));
    }

    /** Ends the session (no-op when already gone); returns it when it was live. */
    public Optional<Session> end(String token) {
        Session removed = token == null ? null : sessions.remove(token);
        if (removed == null) {
            return Optional.empty();
        }
        LOG.info("session of {} ended", removed.username());
        for (Consumer<Session> listener : endListeners) {
            try {
                listener.accept(removed);
            } catch (RuntimeException e) {
                LOG.warn("session end listener failed for {}", removed.username(), e);
            }
        }
        return Optional.of(removed);
    }

    /** The tokens of sessions that have expired but were not ended yet. */
    public List<String> expiredTokens() {
        Instant now = Times.now(clock);
        return sessions.values().stream().filter(s -> !s.isLiveAt(now)).map(Session::token).toList();
    }

    /** Whether {@code username} still has a live session other than {@code exceptToken}. */
    public boolean hasOtherSession(String username, String exceptToken) {
        Instant now = Times.now(clock);
        return sessions.values().stream()
                .anyMatch(s -> s.username().equals(username) && !s.token().equals(exceptToken)
                        && s.isLiveAt(now));
    }

    /** The tokens of every session of {@code username}, live or expired. */
    public List<String> tokensOf(String username) {
        return sessions.values().stream().filter(s -> s.username().equals(username)).map(Session::token).toList();
    }

    /**
     * Gives the live sessions of {@code user} the user as it is now (an administrator changed their own roles), with
     * their expiries unchanged.
     */
    public void refreshUser(User user) {
        for (String token : tokensOf(user.username())) {
            sessions.computeIfPresent(token, (k, old) -> new Session(k, user, old.createdAt(), old.idleExpiresAt(),
                    old.expiresAt()));
        }
    }

    /** Ends every session (shutdown). */
    public void endAll() {
        for (String token : List.copyOf(sessions.keySet())) {
            end(token);
        }
    }

    public int size() {
        return sessions.size();
    }
}
