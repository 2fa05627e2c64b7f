package org.hotline.cti.asterisk.agi;

/**
 * One FastAGI connection being served: its socket and the {@link AgiLink} Hotline's commands use. The server makes
 * the session {@link #current()} on the session's virtual thread before Asterisk-Java runs the connection handler,
 * so that the script Asterisk-Java picks can reach the connection it runs on.
 */
final class AgiSession {
    private static final ThreadLocal<AgiSession> CURRENT = new ThreadLocal<>();

    private final AgiSocket socket;
    private final AgiLink link;

    AgiSession(AgiSocket socket) {
        this.socket = socket;
        this.link = new AgiLink(socket);
    }

    /** The session served by the calling thread. */
    static AgiSession current() {
        AgiSession session = CURRENT.get();
        if (session == null) {
            throw new IllegalStateException("not on a FastAGI session thread");
        }
        return session;
    }

    /** Runs {@code work} with this session as {@link #current()}. */
    void runAsCurrent(Runnable work) {
        CURRENT.set(this);
        try {
            work.run();
        } finally {
            CURRENT.remove();
        }
    }

    AgiLink link() {
        return link;
    }

    AgiSocket socket() {
        return socket;
    }

    /** The Asterisk side's address (what the per-address cap counts). */
    java.net.InetAddress address() {
        return socket.getRemoteAddress();
    }

    String remote() {
        return socket.remote();
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    /**
     * Ends the session as failed: sets {@code AJ_AGISTATUS=FAILED} (the dialplan then falls back to its queue)
     * without waiting for the reply, since after a protocol error the replies cannot be trusted, and closes the
     * connection. Asterisk-Java's own {@code AJ_AGISTATUS=SUCCESS} afterwards then fails silently on the closed socket.
     */
    void endAsFailed() {
        link.sendAndForget(AgiCommands.setVariable("AJ_AGISTATUS", "FAILED"));
        close();
    }

    void close() {
        socket.close();
    }
}
