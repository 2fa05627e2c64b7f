package org.hotline.console;

import java.time.Duration;
import java.util.Objects;
import org.hotline.console.auth.AuthConfig;
import org.hotline.console.auth.SessionPolicy;
import org.hotline.console.callcontrol.DialPolicy;
import org.hotline.console.edge.EdgeSettings;

/**
 * How the console listens.
 *
 * @param host          interface to bind (e.g. {@code 127.0.0.1} or {@code 0.0.0.0})
 * @param port          TCP port; 0 picks any free port
 * @param auth          session lifetimes, cookie, login throttle, trusted proxies
 * @param phoneOf       the phone of a user (an agent routing does not know yet, a supervisor who listens in):
 *                      the console softphone {@code console/<username>} on the simulator, e.g. {@code PJSIP/1001}
 *                      on Asterisk
 * @param dialPolicy    which destinations agents may dial out to
 * @param edge          public origins, allowed hosts, timeouts and the per-address connection cap
 * @param demo          whether this node runs with the demo accounts (demo seed): the login page then shows them;
 *                      never true in production, where there are no default passwords
 */
public record ConsoleConfig(String host, int port, AuthConfig auth,
                            java.util.function.UnaryOperator<String> phoneOf, DialPolicy dialPolicy,
                            EdgeSettings edge, boolean demo) {
    /** Not a demo node. */
    public ConsoleConfig(String host, int port, AuthConfig auth, java.util.function.UnaryOperator<String> phoneOf,
                         DialPolicy dialPolicy, EdgeSettings edge) {
        this(host, port, auth, phoneOf, dialPolicy, edge, false);
    }

    /** With the default edge settings (origins and hosts derived from the bind address). */
    public ConsoleConfig(String host, int port, AuthConfig auth, java.util.function.UnaryOperator<String> phoneOf,
                         DialPolicy dialPolicy) {
        this(host, port, auth, phoneOf, dialPolicy, EdgeSettings.defaults());
    }

    /** With any destination allowed. */
    public ConsoleConfig(String host, int port, AuthConfig auth, java.util.function.UnaryOperator<String> phoneOf) {
        this(host, port, auth, phoneOf, DialPolicy.ANY);
    }

    /** With every user's phone being its console softphone. */
    public ConsoleConfig(String host, int port, AuthConfig auth) {
        this(host, port, auth, org.hotline.console.agent.AcdAgents::consoleDevice);
    }

    /**
     * With one idle timeout for every role ({@code sessionIdle}), the default absolute lifetime and throttle, and
     * every user's phone being its console softphone.
     */
    public ConsoleConfig(String host, int port, Duration sessionIdle, boolean secureCookies) {
        this(host, port, sessionIdle, secureCookies, org.hotline.console.agent.AcdAgents::consoleDevice);
    }

    /** Like {@link #ConsoleConfig(String, int, Duration, boolean)} with the phones given. */
    public ConsoleConfig(String host, int port, Duration sessionIdle, boolean secureCookies,
                         java.util.function.UnaryOperator<String> phoneOf) {
        this(host, port, AuthConfig.DEFAULT.withSessions(SessionPolicy.idleFor(sessionIdle))
                .withSecureCookies(secureCookies), phoneOf);
    }

    /** The same with other edge settings. */
    public ConsoleConfig withEdge(EdgeSettings edgeSettings) {
        return new ConsoleConfig(host, port, auth, phoneOf, dialPolicy, edgeSettings, demo);
    }

    /** The same, on a demo node ({@code true}) or not. */
    public ConsoleConfig withDemo(boolean demoNode) {
        return new ConsoleConfig(host, port, auth, phoneOf, dialPolicy, edge, demoNode);
    }

    public ConsoleConfig {
        Objects.requireNonNull(phoneOf, "phoneOf");
        Objects.requireNonNull(dialPolicy, "dialPolicy");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(auth, "auth");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
    }
}
