package org.hotline.platform.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.hotline.platform.user.User;

/**
 * Where a node keeps the console's sessions: in its own memory ({@link InMemorySessionRepository}, one node) or
 * shared by every node of a cluster, so that a browser that reconnects to another node keeps its login.
 *
 * <p>The port is here, not in the console, because its shared implementation lives in the cluster module, which
 * depends on this module only (the flat module graph: no feature module on another). A session is a domain value (a
 * user and two expiries); nothing of HTTP is in it.
 *
 * <p>Contract: {@link #touch} is atomic per token (two nodes sliding one session at once both succeed, neither
 * undoes the other's end); {@link #remove} gives the session to exactly one caller, however many nodes race; every
 * {@link #onRemoved} listener of every node sharing the repository hears every removal, on any thread, once (a
 * removal whose node dies before telling the others may go unheard there).
 * Implementations never log tokens.
 */
public interface SessionRepository {
    /** Keeps a new session. */
    void add(Session session);

    /**
     * The session for {@code token} used at {@code now} (its idle expiry slid, see {@link Session#usedAt}), in one
     * atomic step; empty when unknown or no longer live at {@code now} (left for {@link #expiredAt} to find).
     */
    Optional<Session> touch(String token, Instant now);

    /** Removes the session; it is returned to this caller only, and every removal listener hears of it. */
    Optional<Session> remove(String token);

    /** Every session of {@code username}, live or expired. */
    List<Session> sessionsOf(String username);

    /** The tokens of the sessions no longer live at {@code now}, not yet removed. */
    List<String> expiredAt(Instant now);

    /** Gives every session of {@code user} the user as it is now and {@code idleTimeout}; expiries unchanged. */
    void refreshUser(User user, Duration idleTimeout);

    /** How many sessions are kept (live or expired). */
    int size();

    /** Called with every removed session, on every node; may be called on any thread. */
    void onRemoved(Consumer<Session> listener);

    /**
     * Called with every session that another node removed (after the {@link #onRemoved} listeners), so that this
     * node can undo what the session held here (an agent logged in to this node's ACD); this node's own removals are
     * its caller's to handle. Never called where no other node shares the repository.
     */
    void onRemovedElsewhere(Consumer<Session> listener);

    /**
     * This node stops using the repository. Sessions that live only in this node's memory end with it (and are
     * removed, listeners told); shared ones stay for the other nodes.
     */
    void release();
}
