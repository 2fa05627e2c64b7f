package org.hotline.cti.asterisk.ami;

import java.time.Duration;
import java.util.Objects;

/**
 * Timings and limits of the AMI side; {@link #defaults()} suits production.
 *
 * @param connectTimeout  TCP connect timeout
 * @param actionTimeout   how long an action (and each login step) waits for Asterisk's response
 * @param pingInterval    a Ping is sent this often on an idle-or-not connection; the socket read timeout is three
 *                        intervals, so a half-open TCP connection is detected even without traffic
 * @param pingTimeout     a Ping unanswered for this long drops the connection (then reconnect + resync)
 * @param initialBackoff  first wait before retrying a failed (re)connect; doubles on every failure...
 * @param maxBackoff      ...up to this; reset after a successful login
 * @param resyncTimeout   how long the resync after a (re)connect (CoreShowChannels, DeviceStateList) may take
 * @param sweepInterval   how often calls tracked after their hang-up was already seen are settled
 * @param maxMessageBytes an AMI message (event or response) larger than this is dropped and logged
 * @param dialContext     dialplan context for click-to-dial and transfer targets given without {@code @context}
 *                        (docker/asterisk/extensions.conf: {@code from-agents})
 * @param originateRing   how long click-to-dial and spy legs ring the device before giving up
 * @param reconcileInterval how often a connected link compares its calls and phones with Asterisk's lists again (the
 *                        resync of a reconnect, without reconnecting): heals an event lost on the way, e.g. one
 *                        Asterisk-Java's full event queue dropped
 */
public record AmiOptions(Duration connectTimeout, Duration actionTimeout, Duration pingInterval, Duration pingTimeout,
                         Duration initialBackoff, Duration maxBackoff, Duration resyncTimeout, Duration sweepInterval,
                         int maxMessageBytes, String dialContext, Duration originateRing, Duration reconcileInterval) {
    public AmiOptions {
        positive(connectTimeout, "connectTimeout");
        positive(actionTimeout, "actionTimeout");
        positive(pingInterval, "pingInterval");
        positive(pingTimeout, "pingTimeout");
        positive(initialBackoff, "initialBackoff");
        positive(maxBackoff, "maxBackoff");
        positive(resyncTimeout, "resyncTimeout");
        positive(sweepInterval, "sweepInterval");
        positive(originateRing, "originateRing");
        positive(reconcileInterval, "reconcileInterval");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
        }
        if (maxMessageBytes < 4096) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 4096");
        }
        if (dialContext == null || dialContext.isBlank()) {
            throw new IllegalArgumentException("dialContext is required");
        }
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }

    /**
     * 5 s connect/action timeouts, Ping every 10 s, back-off 1 s doubling to 30 s, 256 KiB messages, dial context
     * {@code from-agents}, 30 s ringing, reconcile every 5 min.
     */
    public static AmiOptions defaults() {
        return new AmiOptions(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(1), 256 * 1024, "from-agents", Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** The socket read timeout: three ping intervals without a byte from Asterisk mean the connection is dead. */
    public Duration readTimeout() {
        return pingInterval.multipliedBy(3).plus(pingTimeout);
    }

    public AmiOptions withTimeouts(Duration connect, Duration action) {
        return new AmiOptions(connect, action, pingInterval, pingTimeout, initialBackoff, maxBackoff, resyncTimeout,
                sweepInterval, maxMessageBytes, dialContext, originateRing, reconcileInterval);
    }

    public AmiOptions withPing(Duration interval, Duration timeout) {
        return new AmiOptions(connectTimeout, actionTimeout, interval, timeout, initialBackoff, maxBackoff,
                resyncTimeout, sweepInterval, maxMessageBytes, dialContext, originateRing, reconcileInterval);
    }

    public AmiOptions withBackoff(Duration initial, Duration max) {
        return new AmiOptions(connectTimeout, actionTimeout, pingInterval, pingTimeout, initial, max, resyncTimeout,
                sweepInterval, maxMessageBytes, dialContext, originateRing, reconcileInterval);
    }

    public AmiOptions withResyncTimeout(Duration resync) {
        return new AmiOptions(connectTimeout, actionTimeout, pingInterval, pingTimeout, initialBackoff, maxBackoff,
                resync, sweepInterval, maxMessageBytes, dialContext, originateRing, reconcileInterval);
    }

    public AmiOptions withSweepInterval(Duration sweep) {
        return new AmiOptions(connectTimeout, actionTimeout, pingInterval, pingTimeout, initialBackoff, maxBackoff,
                resyncTimeout, sweep, maxMessageBytes, dialContext, originateRing, reconcileInterval);
    }

    public AmiOptions withMaxMessageBytes(int max) {
        return new AmiOptions(connectTimeout, actionTimeout, pingInterval, pingTimeout, initialBackoff, maxBackoff,
                resyncTimeout, sweepInterval, max, dialContext, originateRing, reconcileInterval);
    }

    public AmiOptions withDialContext(String context) {
        return new AmiOptions(connectTimeout, actionTimeout, pingInterval, pingTimeout, initialBackoff, maxBackoff,
                resyncTimeout, sweepInterval, maxMessageBytes, context, originateRing, reconcileInterval);
    }

    public AmiOptions withReconcileInterval(Duration reconcile) {
        return new AmiOptions(connectTimeout, actionTimeout, pingInterval, pingTimeout, initialBackoff, maxBackoff,
                resyncTimeout, sweepInterval, maxMessageBytes, dialContext, originateRing, reconcile);
    }
}
