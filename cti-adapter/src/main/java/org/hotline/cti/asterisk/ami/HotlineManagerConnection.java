package org.hotline.cti.asterisk.ami;

import java.io.IOException;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;
import org.hotline.cti.asterisk.ami.wire.DeviceStateEvent;
import org.hotline.cti.asterisk.ami.wire.DeviceStateListCompleteEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMI session on Asterisk-Java's {@link ManagerConnectionImpl}: its login (banner, MD5 Challenge/Login), reader,
 * event classes and action writer are used as they are; three of its protected extension points are changed, because
 * as shipped (3.42.2) they are not safe for Hotline:
 * <ul>
 *   <li>{@link #createSocket()}: a {@link GuardedSocket} (bounded messages, malformed lines logged once, read
 *       timeout for half-open connections) instead of a socket that buffers any line length and ignores garbage
 *       silently;</li>
 *   <li>{@link #determineVersion()}: one {@code CoreSettings}, then a default, instead of up to four rounds of
 *       {@code CoreSettings} + {@code Command core show version} with 500 ms sleeps - seconds of delay on every login
 *       and an ERROR for a restricted {@code manager.conf} user without the {@code command} class;</li>
 *   <li>{@link #dispatchEvent}: on a lost connection Asterisk-Java starts its own reconnect thread (50 ms x 10, then
 *       every 5 s forever, no back-off, and never for the initial login). This session stops it at once;
 *       {@link AmiLink} reconnects with its own back-off in a fresh session and resynchronises.</li>
 * </ul>
 * A session is used for one TCP connection only.
 *
 * <p>What remains of Asterisk-Java's limits, and how Hotline lives with them:
 * <ul>
 *   <li>Its {@code AsyncEventPump} hands events from the reader to the listeners through a queue of 20,000 and
 *       <em>drops</em> events when it is full (an ERROR line each). Hotline's listener only enqueues, so the pump keeps
 *       up with the reader - unless the pump is slowed by Asterisk-Java's own DEBUG logging of every event
 *       ({@code org.asteriskjava.manager.internal} at DEBUG dropped 1,387 of the 53,704 events of the 600-call
 *       recording): keep that logger at INFO or above. A lost event is healed by the periodic reconcile
 *       ({@link AmiOptions#reconcileInterval()}).</li>
 *   <li>It turns every event it is handed into a bean by reflection, drops events it has no class for with an INFO
 *       line each and ignores fields it has no setter for with a WARN line each ({@code EventAttributesHelper}, e.g.
 *       {@code BridgeMerge}'s {@code *BridgeVideoSourceMode}). The socket therefore hands it only the events the
 *       platform handles ({@link AmiEventFilter}: about a third of a busy server's), so neither the cost nor the log
 *       lines of the others arise; a pump that missed its stop signal idles up to a minute before it exits.</li>
 * </ul>
 */
final class HotlineManagerConnection extends ManagerConnectionImpl {
    private static final Logger LOG = LoggerFactory.getLogger(HotlineManagerConnection.class);

    private final AmiServerConfig server;
    private final AmiOptions options;
    private final ProblemLog problems;
    private volatile GuardedSocket socket;

    HotlineManagerConnection(AmiServerConfig server, AmiOptions options, ProblemLog problems) {
        this.server = server;
        this.options = options;
        this.problems = problems;
        setHostname(server.host());
        setPort(server.port());
        setUsername(server.username());
        setPassword(server.secret());
        setDefaultResponseTimeout(options.actionTimeout().toMillis());
        setDefaultEventTimeout(options.resyncTimeout().toMillis());
        setSocketTimeout(millis(options.connectTimeout().toMillis()));
        setSocketReadTimeout(millis(options.readTimeout().toMillis()));
        setKeepAliveAfterAuthenticationFailure(false);
        registerUserEventClass(DeviceStateEvent.class);
        registerUserEventClass(DeviceStateListCompleteEvent.class);
    }

    private static int millis(long ms) {
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    @Override
    protected SocketConnectionFacade createSocket() throws IOException {
        GuardedSocket s = new GuardedSocket(server.name(), server.host(), server.port(),
                millis(options.connectTimeout().toMillis()), millis(options.readTimeout().toMillis()),
                options.maxMessageBytes(), problems);
        socket = s;
        return s;
    }

    @Override
    protected AsteriskVersion determineVersion() {
        try {
            AsteriskVersion version = determineVersionByCoreSettings();
            if (version != null) {
                return version;
            }
        } catch (Exception e) {
            LOG.debug("AMI server {}: CoreSettings failed", server.name(), e);
        }
        problems.warn("version-" + server.name(),
                "AMI server {}: no answer to CoreSettings (the manager.conf user lacks the 'reporting' class?);"
                        + " assuming {}", server.name(), AsteriskVersion.DEFAULT_VERSION);
        return AsteriskVersion.DEFAULT_VERSION;
    }

    @Override
    public void dispatchEvent(ManagerEvent event, Integer delay) {
        super.dispatchEvent(event, delay);
        if (event instanceof DisconnectEvent && getState() == ManagerConnectionState.RECONNECTING) {
            // Asterisk-Java has just started its own reconnect thread, which first sleeps 50 ms and then checks the
            // state: leaving RECONNECTING ends it. The socket is already closed, so no Logoff is sent.
            try {
                logoff();
            } catch (RuntimeException e) {
                LOG.debug("AMI server {}: stopping Asterisk-Java's reconnect failed", server.name(), e);
            }
        }
    }

    /**
     * Closes the socket at once, without Asterisk-Java's lock (a login in progress holds it): for a half-open
     * connection, or closing while logging in. The reader then ends and the session is over.
     */
    void abort() {
        GuardedSocket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("AMI server {}: closing the socket failed", server.name(), e);
            }
        }
    }

    /** Logs off politely when logged in, else just closes the socket; never throws. */
    void closeQuietly() {
        try {
            ManagerConnectionState s = getState();
            if (s == ManagerConnectionState.CONNECTED || s == ManagerConnectionState.RECONNECTING) {
                logoff();
            }
        } catch (RuntimeException e) {
            LOG.debug("AMI server {}: logoff failed", server.name(), e);
        }
        abort();
    }

    @Override
    public String toString() {
        return "HotlineManagerConnection[" + server.name() + " " + server.host() + ":" + server.port() + "]";
    }
}
