package org.hotline.cluster.session;

import com.hazelcast.config.Config;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
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
 * ({@link UseAt}); the one node whose removal took the session (logout on one node, the purge of any node: only
 * one gets it) announces it on a topic that every node hears, which runs that node's end listeners (closing its
 * sockets of the session) and, on the others, the "ended elsewhere" listeners: the topic says who published, which
 * an entry listener would not. {@link #release} only unregisters this node: the sessions stay for the others.
 */
public final class HazelcastSessionRepository implements SessionRepository {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastSessionRepository.class);
    /** The map's name in the cluster. */
    public static final String MAP = "hotline.sessions";
    /** The topic every ended session is announced on, by the node that removed it. */
    public static final String ENDED = "hotline.sessions.ended";

    private final IMap<String, Session> sessions;
    private final ITopic<Session> ended;
    private final List<Consumer<Session>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Session>> elsewhere = new CopyOnWriteArrayList<>();
    private final UUID listenerId;

    public HazelcastSessionRepository(HazelcastInstance hazelcast) {
        this.sessions = hazelcast.getMap(MAP);
        this.ended = hazelcast.getTopic(ENDED);
        this.listenerId = ended.addMessageListener(this::ended);
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
        Session removed = sessions.remove(token);
        if (removed != null) {
            ended.publish(removed);
        }
        return Optional.ofNullable(removed);
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
    public void onRemovedElsewhere(Consumer<Session> listener) {
        elsewhere.add(listener);
    }

    @Override
    public void release() {
        try {
            ended.removeMessageListener(listenerId);
        } catch (RuntimeException e) {
            LOG.debug("session listener already gone: {}", e.toString());
        }
    }

    /** One ended session, heard on a Hazelcast event thread of every node. */
    private void ended(Message<Session> message) {
        Session session = message.getMessageObject();
        for (Consumer<Session> listener : listeners) {
            listener.accept(session);
        }
        if (message.getPublishingMember() == null || !message.getPublishingMember().localMember()) {
            for (Consumer<Session> listener : elsewhere) {
                listener.accept(session);
            }
        }
    }
}
