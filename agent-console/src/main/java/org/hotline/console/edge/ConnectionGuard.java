package org.hotline.console.edge;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what one client can hold open: at most {@code maxConnectionsPerAddress} connections per remote address (one
 * more is closed at once), and a connection must deliver a complete request head within {@code headerTimeout} of
 * opening or of its previous response, else it is closed. Vert.x's own idle timeout would not catch a client that
 * trickles a byte at a time, nor one that never finishes the head it began. A WebSocket leaves the head timer off
 * once upgraded; the idle timeout then applies.
 */
public final class ConnectionGuard implements Handler<HttpConnection> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    private final Vertx vertx;
    private final long headerTimeoutMs;
    private final int maxPerAddress;
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

    /** A counted connection and its head timer; touched only on the connection's event loop. */
    private static final class Watch {
        final String address;
        long timer = -1;

        Watch(String address) {
            this.address = address;
        }
    }

    public ConnectionGuard(Vertx vertx, EdgeSettings settings) {
        this.vertx = vertx;
        this.headerTimeoutMs = settings.headerTimeout().toMillis();
        this.maxPerAddress = settings.maxConnectionsPerAddress();
    }

    @Override
    public void handle(HttpConnection connection) {
        String address = address(connection.remoteAddress());
        int open = perAddress.merge(address, 1, Integer::sum);
        if (open > maxPerAddress) {
            release(address);
            LOG.debug("closed a connection from {}: {} already open", address, maxPerAddress);
            connection.close();
            return;
        }
        Watch watch = new Watch(address);
        watches.put(connection, watch);
        connection.closeHandler(v -> {
            if (watches.remove(connection) != null) {
                cancel(watch);
                release(address);
            }
        });
        arm(connection, watch);
    }

    /** A request's head arrived: its connection is served until the response ends, then waits for the next head. */
    void headReceived(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        Watch watch = watches.get(connection);
        if (watch == null) {
            return;
        }
        cancel(watch);
        if (!request.canUpgradeToWebSocket()) {
            request.response().endHandler(v -> {
                if (watches.get(connection) == watch) {
                    arm(connection, watch);
                }
            });
        }
    }

    /** Open connections from {@code address} that are counted (for diagnostics). */
    public int openFrom(String address) {
        return perAddress.getOrDefault(address, 0);
    }

    private void arm(HttpConnection connection, Watch watch) {
        cancel(watch);
        watch.timer = vertx.setTimer(headerTimeoutMs, t -> {
            if (watch.timer == t) {
                watch.timer = -1;
                LOG.debug("closed a connection from {}: no complete request within {} ms", watch.address,
                        headerTimeoutMs);
                connection.close();
            }
        });
    }

    private void cancel(Watch watch) {
        if (watch.timer >= 0) {
            vertx.cancelTimer(watch.timer);
            watch.timer = -1;
        }
    }

    private void release(String address) {
        perAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    private static String address(SocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        return remote.hostAddress() != null ? remote.hostAddress() : remote.toString();
    }
}
