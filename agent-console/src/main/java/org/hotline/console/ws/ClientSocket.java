package org.hotline.console.ws;

import io.vertx.core.http.ServerWebSocket;
import org.hotline.console.auth.Access;
import org.hotline.platform.session.Session;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;

/** One browser's WebSocket and the session it was opened with. */
public final class ClientSocket {
    /** Close code sent when the session behind the socket ends (the page goes back to the login). */
    public static final short SESSION_ENDED = 4001;

    private final ServerWebSocket socket;
    private final Session session;

    public ClientSocket(ServerWebSocket socket, Session session) {
        this.socket = socket;
        this.session = session;
    }

    public String token() {
        return session.token();
    }

    public User user() {
        return session.user();
    }

    public String username() {
        return session.username();
    }

    public boolean isAgent() {
        return session.user().has(Role.AGENT);
    }

    public boolean isSupervisor() {
        return Access.SUPERVISOR.allows(session.user());
    }

    /** Sends a JSON text message (dropped when the socket is closed). */
    public void send(String json) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(json);
        }
    }

    /** Sends a message that may be skipped for a slow client (periodic figures; the next one replaces it). */
    public void sendDroppable(String json) {
        if (!socket.isClosed() && !socket.writeQueueFull()) {
            socket.writeTextMessage(json);
        }
    }

    public void close(short code, String reason) {
        if (!socket.isClosed()) {
            socket.close(code, reason);
        }
    }
}
