package org.hotline.console.ws;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open WebSockets, looked up by user, role or session. Safe from any thread: the relay asks whether a user has
 * a socket on this node for every event of the cluster before it does anything else, so that lookup is one hash
 * look-up, not a scan of every socket.
 */
public final class SocketRegistry {
    private final Set<ClientSocket> sockets = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<ClientSocket>> byUser = new ConcurrentHashMap<>();

    public void add(ClientSocket socket) {
        sockets.add(socket);
        byUser.computeIfAbsent(socket.username(), u -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    public void remove(ClientSocket socket) {
        sockets.remove(socket);
        byUser.computeIfPresent(socket.username(), (u, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
    }

    public List<ClientSocket> all() {
        return List.copyOf(sockets);
    }

    public List<ClientSocket> ofUser(String username) {
        Set<ClientSocket> of = username == null ? null : byUser.get(username);
        return of == null ? List.of() : List.copyOf(of);
    }

    public boolean hasUser(String username) {
        return username != null && byUser.containsKey(username);
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
                remove(s);
                s.close(ClientSocket.SESSION_ENDED, "session ended");
            }
        }
    }

    public void closeAll() {
        for (ClientSocket s : List.copyOf(sockets)) {
            remove(s);
            s.close((short) 1001, "server stopping");
        }
    }
}
