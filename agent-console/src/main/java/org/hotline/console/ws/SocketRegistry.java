package org.hotline.console.ws;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open WebSockets, looked up by user, role or session. */
public final class SocketRegistry {
    private final Set<ClientSocket> sockets = ConcurrentHashMap.newKeySet();

    public void add(ClientSocket socket) {
        sockets.add(socket);
    }

    public void remove(ClientSocket socket) {
        sockets.remove(socket);
    }

    public List<ClientSocket> all() {
        return List.copyOf(sockets);
    }

    public List<ClientSocket> ofUser(String username) {
        return sockets.stream().filter(s -> s.username().equals(username)).toList();
    }

    public boolean hasUser(String username) {
        return sockets.stream().anyMatch(s -> s.username().equals(username));
    }

    public List<ClientSocket> supervisors() {
        return sockets.stream().filter(ClientSocket::isSupervisor).toList();
    }

    public boolean hasSupervisors() {
        return sockets.stream().anyMatch(ClientSocket::isSupervisor);
    }

    public void sendToUser(String username, String json) {
        ofUser(username).forEach(s -> s.send(json));
    }

    /** Closes (and forgets) every socket opened with the session {@code token}. */
    public void closeSession(String token) {
        for (ClientSocket s : List.copyOf(sockets)) {
            if (s.token().equals(token)) {
                sockets.remove(s);
                s.close(ClientSocket.SESSION_ENDED, "session ended");
            }
        }
    }

    public void closeAll() {
        for (ClientSocket s : List.copyOf(sockets)) {
            sockets.remove(s);
            s.close((short) 1001, "server stopping");
        }
    }
}
