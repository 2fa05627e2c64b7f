package org.hotline.cti.asterisk.agi.testing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays Asterisk's side of FastAGI against a FastAGI server on 127.0.0.1 (Hotline's): it connects to the server's
 * port like Asterisk's {@code AGI(agi://...)} does, sends the {@code agi_*} environment in chunks and answers every
 * command. Two modes:
 * <ul>
 * <li>{@link #replay}: a real capture ({@link AgiCapture}), byte for byte: the recorded {@code asterisk->agi} blocks
 * are sent as recorded and every {@code agi->asterisk} block is checked against what the server sends;</li>
 * <li>{@link #call}: a scripted caller ({@link CallerPlan}): configurable environment, keys, hang-up at any command in
 * any of the ways Asterisk reports one, Dial outcomes including the {@code answered?call=<id>} session Dial's
 * {@code U()} gosub opens when the agent answers; every command received is recorded.</li>
 * </ul>
 * Each session runs on its own virtual thread; {@link #close()} closes them all.
 */
public final class FakeAsteriskAgi implements AutoCloseable {
    private final String host;
    private final int port;
    private final List<AutoCloseable> sessions = new CopyOnWriteArrayList<>();
    private volatile FakeAsteriskAgi answeredSessions = this;

    /** A fake Asterisk that connects to the FastAGI server on {@code 127.0.0.1:port}. */
    public FakeAsteriskAgi(int port) {
        this("127.0.0.1", port);
    }

    public FakeAsteriskAgi(String host, int port) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
    }

    /** Starts a scripted caller's session (in the background). */
    public ScriptedCall call(CallerPlan plan) {
        ScriptedCall call = new ScriptedCall(this, plan);
        sessions.add(call);
        call.start();
        return call;
    }

    /** Starts replaying {@code capture} (in the background); the fake waits up to 10 s for each server line. */
    public ReplaySession replay(AgiCapture capture) {
        return replay(capture, Duration.ofSeconds(10));
    }

    public ReplaySession replay(AgiCapture capture, Duration readTimeout) {
        ReplaySession session = new ReplaySession(host, port, capture, readTimeout);
        sessions.add(session);
        session.start();
        return session;
    }

    /**
     * Opens the {@code answered} sessions of this fake's calls on {@code other}'s server instead of this one: the
     * dialplan's {@code hotline-answered} gosub reaching another node of a cluster than the call's own session.
     */
    public FakeAsteriskAgi answeredSessionsTo(FakeAsteriskAgi other) {
        this.answeredSessions = Objects.requireNonNull(other, "other");
        return this;
    }

    /** Where the answered gosub's sessions go (this fake unless told otherwise). */
    FakeAsteriskAgi answeredSessions() {
        return answeredSessions;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** Closes every session's connection and waits for their threads. */
    @Override
    public void close() {
        for (AutoCloseable session : sessions) {
            try {
                session.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing a fake Asterisk session failed", e);
            }
        }
    }
}
