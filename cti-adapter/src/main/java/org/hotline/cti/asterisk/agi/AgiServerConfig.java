package org.hotline.cti.asterisk.agi;

import java.time.Duration;
import java.util.Objects;

/**
 * Where Hotline's FastAGI server listens and how long it waits for Asterisk.
 *
 * @param bindAddress       address to listen on ({@code 0.0.0.0} for every interface, {@code 127.0.0.1} for loopback)
 * @param port              TCP port; Asterisk's default for FastAGI is {@value #DEFAULT_PORT}; 0 picks any free port
 * @param socketReadTimeout how long a session waits for a line from Asterisk before it counts the connection as dead.
 *                          It must be longer than the longest prompt, wait and conversation: the reply to the
 *                          {@code EXEC Dial} that connects a caller to an agent only comes when the conversation ends
 *                          (a conversation outliving it goes on inside Asterisk; only our session ends).
 *                          {@link #DEFAULT_SOCKET_READ_TIMEOUT} is Asterisk-Java's default.
 */
public record AgiServerConfig(String bindAddress, int port, Duration socketReadTimeout) {
    public static final int DEFAULT_PORT = 4573;
    public static final Duration DEFAULT_SOCKET_READ_TIMEOUT = Duration.ofHours(3);

    public AgiServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(socketReadTimeout, "socketReadTimeout");
        if (socketReadTimeout.isNegative() || socketReadTimeout.isZero()
                || socketReadTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("socketReadTimeout must be between 1 ms and " + Integer.MAX_VALUE
                    + " ms, was " + socketReadTimeout);
        }
    }

    /** Listens on {@code bindAddress:port} with {@link #DEFAULT_SOCKET_READ_TIMEOUT}. */
    public static AgiServerConfig of(String bindAddress, int port) {
        return new AgiServerConfig(bindAddress, port, DEFAULT_SOCKET_READ_TIMEOUT);
    }
}
