package org.hotline.console.auth;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.Set;

/**
 * The client's address as the throttle and the audit log see it: the socket's remote address. {@code X-Forwarded-For}
 * is believed only when the socket's peer is one of the configured trusted proxies (none by default), since anybody
 * can send the header; then the address is the right-most entry that is not itself a trusted proxy.
 */
public final class ClientAddress {
    private final Set<String> trustedProxies;

    public ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    public String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        String peer = remote == null ? null : remote.hostAddress();
        if (peer == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }
}
