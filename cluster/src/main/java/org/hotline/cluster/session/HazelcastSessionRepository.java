package org.hotline.cluster.session;

import com.hazelcast.config.Config;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.query.Predicates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.hotline.platform.session.Session;
import org.hotline.platform.session.SessionRepository;
import org.hotline.platform.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's sessions in one Hazelcast map shared by every node, so that a browser that reconnects to another node
 * keeps its login (and its agent's state, which the ACD keeps by user name). Keyed by token, one backup (a node lost
 * loses no session). Using a session slides its idle expiry in one entry processor on the key's owner
 * ({@link UseAt}); a removal anywhere (logout on one node, the purge of any node) is heard by the entry listener of
 * every node, which runs that node's end listeners (closing its sockets of the session). {@link #release} only
 * unregisters this node: the sessions stay for the others.
 */
public final class HazelcastSessionRepository implements SessionRepository {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastSessionRepository.class);
    /** The map's name in the cluster. */
    public static final String MAP = "hotline.sessions";

    private final IMap<String, Session> sessions;
    private final List<Consumer<Session>> listeners = new CopyOnWriteArrayList<>();
    private final UUID listenerId;

    public HazelcastSessionRepository(HazelcastInstance hazelcast) {
        this.sessions = hazelcast.getMap(MAP);
        this.listenerId = sessions.addEntryListener(new Ended(), true);
    }

    /** What the member's configuration needs for this map: the compact format of sessions, one backup, an index. */
    public static void configure(Config config) {
        config.getSerializationConfig().getCompactSerializationConfig().addSerializer(new SessionSerializer());
        config.addMapConfig(new MapConfig(MAP).setBackupCount(1)
                .addIndexConfig(new IndexConfig(IndexType.HASH, "username")));
    }

    @Override
    public void add(Session session) {
        sessions.set(session.token(), session);
    }

    @Override
    public Optional<Session> touch(String token, Instant now) {
        return Optional.ofNullable(sessions.executeOnKey(token, new UseAt(now.toEpochMilli())));
    }

    @Override
    public Optional<Session> remove(String token) {
        return Optional.ofNullable(sessions.remove(token));
    }

    @Override
    public List<Session> sessionsOf(String username) {
        return List.copyOf(sessions.values(Predicates.equal("username", username)));
    }

    @Override
    public List<String> expiredAt(Instant now) {
        long ms = now.toEpochMilli();
        return List.copyOf(sessions.keySet(Predicates.or(Predicates.lessEqual("idleExpiresAt", ms),
                Predicates.lessEqual("expiresAt", ms))));
    }

    @Override
    public void refreshUser(User user, Duration idleTimeout) {
        for (Session s : sessionsOf(user.username())) {
            // compare-and-set: a use sliding the session meanwhile is kept, not overwritten
            Session old = s;
            while (old != null && !sessions.replace(old.token(), old, old.withUser(user, idleTimeout))) {
                old = sessions.get(old.token());
            }
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

    @Override
    public void release() {
        try {
            sessions.removeEntryListener(listenerId);
        } catch (RuntimeException e) {
            LOG.debug("session listener already gone: {}", e.toString());
        }
    }

    private void ended(Session session) {
        if (session == null) {
            return;
        }
        for (Consumer<Session> listener : listeners) {
            listener.accept(session);
        }
    }

    /** Every way an entry leaves the map; runs on a Hazelcast event thread of every node. */
    private final class Ended implements EntryRemovedListener<String, Session>, EntryEvictedListener<String, Session>,
            EntryExpiredListener<String, Session> {
        @Override
        public void entryRemoved(EntryEvent<String, Session> event) {
            ended(event.getOldValue());
        }

        @Override
        public void entryEvicted(EntryEvent<String, Session> event) {
            ended(event.getOldValue());
        }

        @Override
        public void entryExpired(EntryEvent<String, Session> event) {
            ended(event.getOldValue());
        }
    }
}
