package org.hotline.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.hotline.platform.Times;
import org.hotline.platform.session.InMemorySessionRepository;
import org.hotline.platform.session.Session;
import org.hotline.platform.session.SessionRepository;
import org.hotline.platform.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's sessions: token → user and expiries, kept in a {@link SessionRepository} (this node's memory, or
 * shared by the cluster so that a browser reconnecting to another node keeps its login). The idle expiry slides by
 * the user's idle timeout ({@link SessionPolicy}, decided at login) on every successful lookup; the absolute expiry
 * is fixed at login. Ended sessions (logout, expiry, shutdown) are announced to the registered listeners on every
 * node that shares the repository, so that each closes its own sockets of that session.
 */
public final class SessionStore {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);

    private final Clock clock;
    private final SessionPolicy policy;
    private final SessionRepository repository;
    private final List<Consumer<Session>> endListeners = new CopyOnWriteArrayList<>();

    public SessionStore(Clock clock, SessionPolicy policy, SessionRepository repository) {
        this.clock = clock;
        this.policy = policy;
        this.repository = repository;
        repository.onRemoved(this::announceEnd);
    }

    /** In this node's memory. */
    public SessionStore(Clock clock, SessionPolicy policy) {
        this(clock, policy, new InMemorySessionRepository());
    }

    /** With one idle timeout for every role and the default absolute lifetime. */
    public SessionStore(Clock clock, Duration idle) {
        this(clock, SessionPolicy.idleFor(idle));
    }

    /** Called with every session that ends, on this node or another sharing the repository; on any thread. */
    public void onEnded(Consumer<Session> listener) {
        endListeners.add(listener);
    }

    /** Called with every session another node of the cluster ended (never on a standalone node); on any thread. */
    public void onEndedElsewhere(Consumer<Session> listener) {
        repository.onRemovedElsewhere(s -> {
            try {
                listener.accept(s);
            } catch (RuntimeException e) {
                LOG.warn("session end listener failed for {}", s.username(), e);
            }
        });
    }

    public Session create(User user) {
        Session session = Session.opened(Tokens.next(), user, Times.now(clock), policy.idleTimeout(user),
                policy.absoluteLifetime());
        repository.add(session);
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
        return repository.touch(token, Times.now(clock));
    }

    /** Ends the session (no-op when already gone); returns it when it was live, to this caller only. */
    public Optional<Session> end(String token) {
        return token == null ? Optional.empty() : repository.remove(token);
    }

    private void announceEnd(Session removed) {
        LOG.info("session of {} ended", removed.username());
        for (Consumer<Session> listener : endListeners) {
            try {
                listener.accept(removed);
            } catch (RuntimeException e) {
                LOG.warn("session end listener failed for {}", removed.username(), e);
            }
        }
    }

    /** The tokens of sessions that have expired but were not ended yet. */
    public List<String> expiredTokens() {
        return repository.expiredAt(Times.now(clock));
    }

    /** Whether {@code username} still has a live session other than {@code exceptToken}. */
    public boolean hasOtherSession(String username, String exceptToken) {
        Instant now = Times.now(clock);
        return repository.sessionsOf(username).stream()
                .anyMatch(s -> !s.token().equals(exceptToken) && s.isLiveAt(now));
    }

    /** The tokens of every session of {@code username}, live or expired. */
    public List<String> tokensOf(String username) {
        return repository.sessionsOf(username).stream().map(Session::token).toList();
    }

    /**
     * Gives the live sessions of {@code user} the user as it is now (an administrator changed their own roles), with
     * their expiries unchanged.
     */
    public void refreshUser(User user) {
        repository.refreshUser(user, policy.idleTimeout(user));
    }

    /**
     * This node stops: sessions kept in its memory end (listeners told); sessions shared with a cluster stay, for the
     * browsers that reconnect to another node.
     */
    public void endAll() {
        repository.release();
    }

    public int size() {
        return repository.size();
    }
}
