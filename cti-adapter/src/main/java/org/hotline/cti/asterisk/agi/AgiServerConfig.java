package org.hotline.cti.asterisk.agi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where Hotline's FastAGI server listens, whom it serves and how long it waits for Asterisk.
 * <p>
 * FastAGI has no authentication: whoever reaches the port runs the hotline script with an environment of its own
 * choosing. So the server listens on loopback by default, serves only the {@code allowed} addresses (the Asterisk
 * servers; loopback when none are configured), gives a new connection a short time to send its {@code agi_*}
 * environment, and caps the connections one address may hold, so that idle or half-open connections cannot pile up.
 *
 * @param bindAddress              address to listen on ({@code 127.0.0.1}, the default; {@code 0.0.0.0} for every
 *                                 interface, e.g. in a container that Asterisk reaches from another one)
 * @param port                     TCP port; Asterisk's default for FastAGI is {@value #DEFAULT_PORT}; 0 picks any
 *                                 free port
 * @param socketReadTimeout        how long a session, once its environment is read, waits for a line from Asterisk
 *                                 before it counts the connection as dead. It must be longer than the longest
 *                                 prompt, wait and conversation: the reply to the {@code EXEC Dial} that connects a
 *                                 caller to an agent only comes when the conversation ends (a conversation outliving
 *                                 it goes on inside Asterisk; only our session ends).
 *                                 {@link #DEFAULT_SOCKET_READ_TIMEOUT} is Asterisk-Java's default.
 * @param idleTimeout              how long a new connection may stay silent before the first byte of its
 *                                 environment; Asterisk sends it at once
 * @param envTimeout               how long, from its first byte, the environment may take up to its blank line
 * @param maxConnectionsPerAddress connections one remote address may hold at once (sessions, including the short
 *                                 {@code answered} ones); one more is closed at once
 * @param allowed                  the addresses and subnets of the Asterisk servers, the only ones served; an empty
 *                                 list means loopback ({@code 127.0.0.0/8}, {@code ::1}). A connection from elsewhere
 *                                 is closed at once. With a list, loopback is served only if listed.
 */
public record AgiServerConfig(String bindAddress, int port, Duration socketReadTimeout, Duration idleTimeout,
                              Duration envTimeout, int maxConnectionsPerAddress, List<AddressRange> allowed) {
    public static final int DEFAULT_PORT = 4573;
    public static final Duration DEFAULT_SOCKET_READ_TIMEOUT = Duration.ofHours(3);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_ENV_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 2_000;

    public AgiServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        positiveMillis(socketReadTimeout, "socketReadTimeout");
        positiveMillis(idleTimeout, "idleTimeout");
        positiveMillis(envTimeout, "envTimeout");
        if (maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("maxConnectionsPerAddress must be at least 1, was "
                    + maxConnectionsPerAddress);
        }
        allowed = List.copyOf(Objects.requireNonNull(allowed, "allowed"));
    }

    private static void positiveMillis(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.toMillis() < 1 || value.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and " + Integer.MAX_VALUE
                    + " ms, was " + value);
        }
    }

    /** Listens on {@code bindAddress:port} with the given read timeout; the other limits at their defaults. */
    public AgiServerConfig(String bindAddress, int port, Duration socketReadTimeout) {
        this(bindAddress, port, socketReadTimeout, DEFAULT_IDLE_TIMEOUT, DEFAULT_ENV_TIMEOUT,
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, List.of());
    }

    /** Listens on {@code bindAddress:port} with {@link #DEFAULT_SOCKET_READ_TIMEOUT} and the default limits. */
    public static AgiServerConfig of(String bindAddress, int port) {
        return new AgiServerConfig(bindAddress, port, DEFAULT_SOCKET_READ_TIMEOUT);
    }

    /** This configuration with other environment timeouts. */
    public AgiServerConfig withEnvironmentTimeouts(Duration idle, Duration env) {
        return new AgiServerConfig(bindAddress, port, socketReadTimeout, idle, env, maxConnectionsPerAddress, allowed);
    }

    /** This configuration with another per-address cap. */
    public AgiServerConfig withMaxConnectionsPerAddress(int max) {
        return new AgiServerConfig(bindAddress, port, socketReadTimeout, idleTimeout, envTimeout, max, allowed);
    }

    /** This configuration with another allow-list (empty: loopback). */
    public AgiServerConfig withAllowed(List<AddressRange> ranges) {
        return new AgiServerConfig(bindAddress, port, socketReadTimeout, idleTimeout, envTimeout,
                maxConnectionsPerAddress, ranges);
    }
}
