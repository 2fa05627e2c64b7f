package org.hotline.console.edge;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the console accepts at its network edge, before any route runs.
 *
 * @param publicOrigins            the origins ({@code scheme://host[:port]}) the console's pages are served from, as a
 *                                 browser names them in {@code Origin}; a state-changing API request or a WebSocket
 *                                 from any other origin is refused. Empty: this server's own address (and
 *                                 {@code localhost} / {@code 127.0.0.1} / {@code [::1]} on a loopback or wildcard
 *                                 bind), with the port it is bound to
 * @param allowedHosts             the host names a request's {@code Host} may carry (against DNS rebinding). Empty:
 *                                 the hosts of the public origins, plus the loopback names on a loopback bind
 * @param idleTimeout              a connection with no traffic either way for this long is closed (WebSockets too:
 *                                 the console pings every 25 s)
 * @param headerTimeout            a connection must deliver a complete request head within this long of opening, or
 *                                 of its previous response; else it is closed (slow or half-sent requests)
 * @param maxConnectionsPerAddress open connections from one client address; one more is closed at once
 */
public record EdgeSettings(List<String> publicOrigins, List<String> allowedHosts, Duration idleTimeout,
                           Duration headerTimeout, int maxConnectionsPerAddress) {
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;

    public EdgeSettings {
        publicOrigins = List.copyOf(Objects.requireNonNull(publicOrigins, "publicOrigins"));
        allowedHosts = List.copyOf(Objects.requireNonNull(allowedHosts, "allowedHosts"));
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(headerTimeout, "headerTimeout");
        for (String origin : publicOrigins) {
            if (Origins.normalize(origin).isEmpty()) {
                throw new IllegalArgumentException("public origin '" + origin
                        + "' is not scheme://host[:port] (http or https, no path)");
            }
        }
        for (String host : allowedHosts) {
            if (Origins.normalizeHost(host).isEmpty()) {
                throw new IllegalArgumentException("allowed host '" + host + "' is not a host name or address");
            }
        }
        if (idleTimeout.toMillis() < 1 || headerTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("idle and header timeouts must be at least 1 ms");
        }
        if (maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("maxConnectionsPerAddress must be at least 1, was "
                    + maxConnectionsPerAddress);
        }
    }

    /** Origins and hosts derived from the bind address; 120 s idle, 10 s for a request head, 64 per address. */
    public static EdgeSettings defaults() {
        return new EdgeSettings(List.of(), List.of(), DEFAULT_IDLE_TIMEOUT, DEFAULT_HEADER_TIMEOUT,
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    public EdgeSettings withTimeouts(Duration idle, Duration header) {
        return new EdgeSettings(publicOrigins, allowedHosts, idle, header, maxConnectionsPerAddress);
    }

    public EdgeSettings withMaxConnectionsPerAddress(int max) {
        return new EdgeSettings(publicOrigins, allowedHosts, idleTimeout, headerTimeout, max);
    }

    public EdgeSettings withOrigins(List<String> origins, List<String> hosts) {
        return new EdgeSettings(origins, hosts, idleTimeout, headerTimeout, maxConnectionsPerAddress);
    }
}
