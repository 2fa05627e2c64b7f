package org.hotline.console;

import java.time.Duration;
import java.util.Objects;
import org.hotline.console.edge.EdgeSettings;

/**
 * How the console listens.
 *
 * @param host          interface to bind (e.g. {@code 127.0.0.1} or {@code 0.0.0.0})
 * @param port          TCP port; 0 picks any free port
 * @param sessionTtl    how long a login stays valid without use (sliding)
 * @param secureCookies whether the session cookie carries {@code Secure} (set when served over HTTPS)
 * @param phoneOf       the phone of a user (an agent routing does not know yet, a supervisor who listens in):
 *                      the console softphone {@code console/<username>} on the simulator, e.g. {@code PJSIP/1001}
 *                      on Asterisk
 * @param edge          public origins, allowed hosts, timeouts and the per-address connection cap
 */
public record ConsoleConfig(String host, int port, Duration sessionTtl, boolean secureCookies,
                            java.util.function.UnaryOperator<String> phoneOf, EdgeSettings edge) {
    /** With every user's phone being its console softphone and the default edge settings. */
    public ConsoleConfig(String host, int port, Duration sessionTtl, boolean secureCookies) {
        this(host, port, sessionTtl, secureCookies, org.hotline.console.agent.AcdAgents::consoleDevice);
    }

    /** With the default edge settings (origins and hosts derived from the bind address). */
    public ConsoleConfig(String host, int port, Duration sessionTtl, boolean secureCookies,
                         java.util.function.UnaryOperator<String> phoneOf) {
        this(host, port, sessionTtl, secureCookies, phoneOf, EdgeSettings.defaults());
    }

    /** The same with other edge settings. */
    public ConsoleConfig withEdge(EdgeSettings edgeSettings) {
        return new ConsoleConfig(host, port, sessionTtl, secureCookies, phoneOf, edgeSettings);
    }

    public ConsoleConfig {
        Objects.requireNonNull(phoneOf, "phoneOf");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("sessionTtl must be positive, was " + sessionTtl);
        }
    }
}
