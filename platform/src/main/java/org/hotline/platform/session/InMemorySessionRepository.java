package org.hotline.platform.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.hotline.platform.user.User;

/**
 * Sessions in this node's memory: the standalone node's repository. Removal listeners run on the thread that removed
 * the session, before {@link #remove} returns. Sessions end with the node ({@link #release}).
 */
public final class InMemorySessionRepository implements SessionRepository {
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final List<Consumer<Session>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void add(Session session) {
        sessions.put(session.token(), session);
    }

    @Override
    public Optional<Session> touch(String token, Instant now) {
        Session[] slid = new Session[1];
        sessions.computeIfPresent(token, (k, current) -> {
            if (!current.isLiveAt(now)) {
                return current;
            }
            slid[0] = current.usedAt(now);
            return slid[0];
        });
        return Optional.ofNullable(slid[0]);
    }

    @Override
    public Optional<Session> remove(String token) {
        Session removed = token == null ? null : sessions.remove(token);
        if (removed == null) {
            return Optional.empty();
        }
        for (Consumer<Session> listener : listeners) {
            listener.accept(removed);
        }
        return Optional.of(removed);
    }

    @Override
    public List<Session> sessionsOf(String username) {
        return sessions.values().stream().filter(s -> s.username().equals(username)).toList();
    }

    @Override
    public List<String> expiredAt(Instant now) {
        return sessions.values().stream().filter(s -> !s.isLiveAt(now)).map(Session::token).toList();
    }

    @Override
    public void refreshUser(User user, Duration idleTimeout) {
        for (Session s : sessionsOf(user.username())) {
            sessions.computeIfPresent(s.token(), (k, old) -> old.withUser(user, idleTimeout));
        }
    }

    @Override
    public int size() {
        return sessions.size();
    }

    @Override
    public void onRemoved(Consumer<Session> listener) {
        listeners.add(listener);
    }

    /** No other node shares this memory: never called. */
    @Override
    public void onRemovedElsewhere(Consumer<Session> listener) {
        // nothing is removed elsewhere
    }

    @Override
    public void release() {
        for (String token : List.copyOf(sessions.keySet())) {
            remove(token);
        }
    }
}
