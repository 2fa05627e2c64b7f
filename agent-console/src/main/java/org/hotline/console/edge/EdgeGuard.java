package org.hotline.console.edge;

/**
 * The {@link Origins} of the bound server. The port is taken from the connection (a server configured with port 0
 * learns it only when bound), and resolved once per port.
 */
public final class EdgeGuard {
    private final EdgeSettings settings;
    private final String bindHost;
    private volatile Origins resolved;

    public EdgeGuard(EdgeSettings settings, String bindHost) {
        this.settings = settings;
        this.bindHost = bindHost;
    }

    public EdgeSettings settings() {
        return settings;
    }

    /** The origins and hosts of the server listening on {@code localPort}. */
    public Origins origins(int localPort) {
        Origins current = resolved;
        if (current == null || current.port() != localPort) {
            current = Origins.resolve(settings, bindHost, localPort);
            resolved = current;
        }
        return current;
    }
}
