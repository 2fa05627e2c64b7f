package org.hotline.console.auth;

import io.vertx.core.Future;
import org.hotline.platform.session.Session;
import org.hotline.console.agent.AcdAgents;
import org.hotline.console.http.Blocking;
import org.hotline.platform.user.Role;

/**
 * Ends sessions the way the console means it: the session goes (its sockets close through the store's listeners)
 * and an agent whose last session this was is logged out of the ACD, so routing stops offering it calls.
 */
public final class SessionEnder {
    private final SessionStore sessions;
    private final AcdAgents acd;
    private final Blocking blocking;

    public SessionEnder(SessionStore sessions, AcdAgents acd, Blocking blocking) {
        this.sessions = sessions;
        this.acd = acd;
        this.blocking = blocking;
    }

    /** Ends the session with {@code token}; completes once the ACD logout (if any) is done. */
    public Future<Void> end(String token) {
        return sessions.end(token).map(this::logOutOfAcd).orElse(Future.succeededFuture());
    }

    /**
     * Ends every session of {@code username} on this node (an administrator disabled the account or changed its
     * roles: a session carries the roles it was opened with). Returns how many ended.
     */
    public int endAllOf(String username) {
        int ended = 0;
        for (String token : sessions.tokensOf(username)) {
            end(token);
            ended++;
        }
        return ended;
    }

    /** Ends every expired session (logout included). */
    public void purgeExpired() {
        for (String token : sessions.expiredTokens()) {
            end(token);
        }
    }

    /**
     * Another node ended {@code session} (logout or purge there): this node's ACD logs the agent out too when that was
     * their last session, as if it had ended here (the ACD is still per node).
     */
    public void endedElsewhere(Session session) {
        logOutOfAcd(session);
    }

    private Future<Void> logOutOfAcd(Session session) {
        if (!session.user().has(Role.AGENT) || sessions.hasOtherSession(session.username(), session.token())) {
            return Future.succeededFuture();
        }
        return blocking.run(() -> {
            acd.logoutQuietly(session.username());
            return null;
        });
    }
}
