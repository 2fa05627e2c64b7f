package org.hotline.cti.asterisk.agi;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.asteriskjava.util.ServerSocketFacade;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk-Java's {@link DefaultAgiServer} running every FastAGI connection on its own virtual thread.
 * <p>
 * <b>What Asterisk-Java does.</b> {@code DefaultAgiServer.startup()} accepts connections in a loop and hands each one,
 * wrapped in a {@code FastAgiConnectionHandler} (read the {@code agi_*} environment, pick the script with the
 * {@link MappingStrategy}, run it, set {@code AJ_AGISTATUS}, close), to {@code AbstractAgiServer.execute()}, which runs
 * it on a {@code ThreadPoolExecutor} of platform threads: core 10, maximum 500, a {@code SynchronousQueue} and 50 s
 * keep-alive. Connection number 501 is refused ("Execution was rejected by pool") and closed, which Asterisk reports
 * as {@code AGISTATUS=FAILURE}.
 * <p>
 * <b>What this class changes.</b>
 * <ul>
 * <li>{@link #execute(Runnable)} is overridden: each connection handler runs on a new virtual thread of a
 * thread-per-task executor ({@code Executors.newThreadPerTaskExecutor}, threads named {@code agi-session-N}); the
 * platform pool is never created, so the number of concurrent calls is bounded by memory and file descriptors
 * only.</li>
 * <li>{@link #createServerSocket()} is overridden to serve a {@link ServerSocket} bound beforehand (so that binding
 * errors surface in {@code start()} and port 0 works) and to wrap each accepted socket in {@link AgiSocket}
 * (small buffers, bounded lines, the configured read timeout, TCP_NODELAY and keep-alive), which the session keeps
 * so that {@link #close(Duration)} can end every session.</li>
 * <li>An accept failure other than closing (e.g. out of file descriptors) pauses the accept loop for 100 ms instead
 * of letting it spin.</li>
 * <li>The accept loop admits a connection only through the {@link ConnectionGate} (loopback or the allow-list, and
 * under the per-address cap); a refused one is closed at once, before any byte is read, and never reaches
 * Asterisk-Java.</li>
 * <li>The session thread reads the {@code agi_*} environment itself ({@link AgiSocket#readEnvironment}) under the
 * idle and environment timeouts before Asterisk-Java runs: a connection that closes or times out before its blank
 * line is closed with a DEBUG line. Asterisk-Java would log it at ERROR ("AgiException while handling request") and
 * would wait for it as long as the session's read timeout, hours.</li>
 * </ul>
 * The rest is Asterisk-Java's: environment parsing, script selection, {@code AJ_AGISTATUS}, and its NOT_FOUND
 * behaviour for a path no script serves (logged at ERROR, {@code AJ_AGISTATUS=NOT_FOUND}, a VERBOSE line to
 * Asterisk, connection closed).
 */
final class VirtualThreadAgiServer extends DefaultAgiServer {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualThreadAgiServer.class);
    private static final long ACCEPT_FAILURE_PAUSE_MILLIS = 100;

    private final ServerSocket serverSocket;
    private final int readTimeoutMillis;
    private final AgiServerConfig config;
    private final ConnectionGate gate;
    private final ExecutorService sessionThreads =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("agi-session-", 0).factory());
    private final Set<AgiSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean closing;
    /** The connection just accepted; written and read only by the accept thread (accept, then execute). */
    private AgiSocket accepted;

    /**
     * @param serverSocket a bound server socket; this server closes it
     * @param config       read, idle and environment timeouts, allow-list and per-address cap (not the address)
     * @param scripts      the script for each request path (the path's first segment, without the query)
     */
    VirtualThreadAgiServer(ServerSocket serverSocket, AgiServerConfig config, Map<String, AgiScript> scripts) {
        super(byPath(scripts));
        this.serverSocket = serverSocket;
        this.config = config;
        this.gate = new ConnectionGate(config.allowed(), config.maxConnectionsPerAddress());
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.socketReadTimeout().toMillis());
        setPort(serverSocket.getLocalPort());
        setAddress(serverSocket.getInetAddress());
    }

    private static MappingStrategy byPath(Map<String, AgiScript> scripts) {
        Map<String, AgiScript> byPath = new HashMap<>(scripts);
        return (request, channel) -> request.getScript() == null ? null : byPath.get(request.getScript());
    }

    @Override
    protected ServerSocketFacade createServerSocket() {
        return new BoundServerSocket();
    }

    @Override
    protected void execute(Runnable connectionHandler) {
        AgiSocket socket = accepted;
        accepted = null;
        if (socket == null) {
            throw new RejectedExecutionException("no accepted FastAGI connection to serve");
        }
        AgiSession session = new AgiSession(socket);
        sessions.add(session);
        active.incrementAndGet();
        if (closing) {
            ended(session);
            return;
        }
        try {
            sessionThreads.execute(() -> serve(session, connectionHandler));
        } catch (RejectedExecutionException e) {
            ended(session);
        }
    }

    private void serve(AgiSession session, Runnable connectionHandler) {
        try {
            if (!session.isClosed() && environmentRead(session)) {
                session.runAsCurrent(connectionHandler);
            }
        } finally {
            ended(session);
        }
    }

    /** Reads the session's environment; false (logged at DEBUG, or WARN for an oversized one) when there is none. */
    private boolean environmentRead(AgiSession session) {
        AgiSocket.Environment env = session.socket().readEnvironment(config.idleTimeout(), config.envTimeout(),
                readTimeoutMillis);
        switch (env) {
            case AgiSocket.Environment.Complete complete -> {
                return true;
            }
            case AgiSocket.Environment.ClosedEarly closed -> LOG.debug("FastAGI connection from {} closed without an"
                    + " AGI environment ({} line(s) read: {})", session.remote(), closed.lines(), closed.why());
            case AgiSocket.Environment.TimedOut timedOut -> {
                if (timedOut.silent()) {
                    LOG.debug("FastAGI connection from {} closed: nothing received within {}", session.remote(),
                            config.idleTimeout());
                } else {
                    LOG.debug("FastAGI connection from {} closed: its AGI environment did not end within {} ({}"
                            + " line(s) read)", session.remote(), config.envTimeout(), timedOut.lines());
                }
            }
            case AgiSocket.Environment.Oversized oversized -> LOG.warn("FastAGI connection from {} closed: its AGI"
                    + " environment exceeds {} lines or a line exceeds {} bytes (not Asterisk?)", session.remote(),
                    AgiSocket.MAX_ENVIRONMENT_LINES, AgiSocket.MAX_LINE_BYTES);
        }
        return false;
    }

    /** Counts the session out before closing its connection, so a peer that sees the close sees the count too. */
    private void ended(AgiSession session) {
        if (sessions.remove(session)) {
            active.decrementAndGet();
            gate.release(session.address());
        }
        session.close();
    }

    /** Sessions being served (connections accepted and not yet closed). */
    int activeSessions() {
        return active.get();
    }

    /**
     * Stops accepting, closes every session's connection (a session waiting for Asterisk ends at once) and waits up
     * to {@code grace} for the session threads to finish.
     */
    void close(Duration grace) {
        closing = true;
        shutdown();
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("closing the FastAGI server socket: {}", e.getMessage());
        }
        for (AgiSession session : sessions) {
            session.close();
        }
        sessionThreads.shutdown();
        try {
            if (!sessionThreads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} FastAGI session(s) still running {} after close; interrupting them", active.get(), grace);
                sessionThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            sessionThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Serves the pre-bound server socket to {@code DefaultAgiServer.startup()}'s accept loop. */
    private final class BoundServerSocket implements ServerSocketFacade {
        @Override
        public SocketConnectionFacade accept() throws IOException {
            Socket socket;
            while (true) {
                try {
                    socket = serverSocket.accept();
                } catch (IOException e) {
                    if (!closing) {
                        pauseAfterAcceptFailure();
                    }
                    throw e;
                }
                if (gate.admit(socket.getInetAddress()) == ConnectionGate.Verdict.ADMITTED) {
                    break;
                }
                closeQuietly(socket);
            }
            try {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()));
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                AgiSocket agiSocket = new AgiSocket(socket);
                accepted = agiSocket;
                return agiSocket;
            } catch (IOException e) {
                gate.release(socket.getInetAddress());
                socket.close();
                throw e;
            }
        }

        /** A refused connection: closed at once; RST rather than a lingering FIN is fine, nothing was read. */
        private void closeQuietly(Socket socket) {
            try {
                socket.setSoLinger(true, 0);
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing a refused FastAGI connection: {}", e.getMessage());
            }
        }

        private void pauseAfterAcceptFailure() {
            try {
                Thread.sleep(ACCEPT_FAILURE_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws IOException {
            serverSocket.close();
        }

        @Override
        public void setSocketReadTimeout(int socketReadTimeout) {
            // the read timeout comes from AgiServerConfig and is applied to every accepted socket in accept()
        }
    }
}
