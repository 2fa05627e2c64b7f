package org.hotline.cti.asterisk.agi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.ChannelWakeUps;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.ComponentKind;
import org.hotline.platform.telephony.CallHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hotline's FastAGI server: Asterisk hands each hotline call to it, and the platform's {@link CallHandler} (the IVR)
 * runs the call over an {@link AgiCallChannel}. Built on Asterisk-Java's {@code DefaultAgiServer}; one call is one
 * script run on its own virtual thread (see {@link VirtualThreadAgiServer} for what was changed in Asterisk-Java's
 * pooled execution and why).
 *
 * <h2>Scripts, by request path</h2>
 * <ul>
 * <li>{@code agi://host:port/hotline?flow=main}: an inbound call; the handler gets a channel whose
 * {@code CallInfo} comes from the {@code agi_*} environment (see {@link AgiEnvironment}) with a new platform call id
 * ({@link AsteriskCalls#newCallId}); the call is tracked in {@link AsteriskCalls} under its uniqueid and channel,
 * and the uniqueid is bound to the platform id. This side never publishes {@code CallHungUp}: on Asterisk the
 * AMI side is the one source of call ends.</li>
 * <li>{@code agi://host:port/answered?call=<id>}: the dial-answer signal (below); {@code id} is the platform id.</li>
 * <li>anything else: Asterisk-Java's NOT_FOUND behaviour ({@code AJ_AGISTATUS=NOT_FOUND}, logged at ERROR).</li>
 * </ul>
 *
 * <h2>The dialplan contract</h2>
 * This server and {@code docker/asterisk/extensions.conf} share this dialplan:
 * <pre>
 * [globals]
 * HOTLINE_AGI=platform:4573            ; host:port of Hotline's FastAGI server
 *
 * [hotline]                            ; inbound hotline calls land here (e.g. exten 4000, or _X. from the trunk)
 * exten =&gt; _X.,1,NoOp(Hotline call from ${CALLERID(num)} to ${EXTEN})
 *  same =&gt; n,Answer()
 *  same =&gt; n,AGI(agi://${HOTLINE_AGI}/hotline?flow=main)
 *  same =&gt; n,GotoIf($["${DIALSTATUS}" = "ANSWER"]?done)        ; the conversation took place inside the AGI's Dial
 *  same =&gt; n,GotoIf($["${AGISTATUS}" = "FAILURE"]?fallback)    ; platform unreachable
 *  same =&gt; n,GotoIf($["${AJ_AGISTATUS}" = "FAILED"]?fallback)  ; script failed (Asterisk-Java sets AJ_AGISTATUS)
 *  same =&gt; n(done),Hangup()
 *  same =&gt; n(fallback),Queue(hotline-fallback,t,,,300)
 *  same =&gt; n,Hangup()
 *
 * [hotline-answered]                   ; run by Dial's U() option on the AGENT's channel the moment it answers
 * exten =&gt; s,1,AGI(agi://${HOTLINE_AGI}/answered?call=${ARG1})
 *  same =&gt; n,Return()
 * </pre>
 * <b>Connecting the caller to an agent.</b> {@link AgiCallChannel#connect} sends
 * {@code EXEC Dial "<device>,<ringSeconds>,tU(hotline-answered^<callId>)"} from a background virtual thread ({@code t}:
 * the agent may transfer with the features.conf codes, as AMI {@code Atxfer} needs). When the
 * agent answers, the {@code hotline-answered} gosub's short session ({@code /answered?call=<callId>}) tells the
 * waiting {@code connect}, which returns ANSWERED at once (routing marks the agent ON_CALL) while the Dial goes on
 * inside Asterisk for the whole conversation. The conversation therefore survives a platform restart: Asterisk only
 * notices the closed AGI socket when the Dial returns, and {@code DIALSTATUS=ANSWER} then sends the call to
 * {@code Hangup()}, not to the fallback. A Dial that returns without the signal is mapped from {@code DIALSTATUS}
 * (ANSWER → ANSWERED, logged as a late answer; NOANSWER/CANCEL → NO_ANSWER; BUSY/CONGESTION → BUSY; anything else
 * → UNAVAILABLE). The {@code hotline} script returns to Asterisk-Java only after that Dial returned.
 *
 * <h2>Ending</h2>
 * {@link #close()} stops accepting and closes every session's connection: waiting commands end with
 * {@code CallerHangupException}, handlers return, and conversations already bridged inside Asterisk's Dial go on.
 */
public final class HotlineAgiServer implements AutoCloseable {
    /** Request path of inbound hotline calls. */
    public static final String HOTLINE_SCRIPT = "hotline";
    /** Request path of the dial-answer signal. */
    public static final String ANSWERED_SCRIPT = "answered";

    private static final Logger LOG = LoggerFactory.getLogger(HotlineAgiServer.class);
    private static final int BACKLOG = 200;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final AgiServerConfig config;
    private final CallHandler handler;
    private final AsteriskCalls calls;
    private final AgiPeers peers;
    private final Dials dials = new Dials();
    private final Map<String, AgiPeers.Call> live = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private final Clock clock;
    private VirtualThreadAgiServer server;
    private Thread acceptThread;
    private int boundPort = -1;
    private boolean started;
    private boolean closed;
    private volatile State state = State.NOT_STARTED;
    private volatile Instant since;
    private volatile String problem = "";
    private volatile ChannelWakeUps wakeUps = ChannelWakeUps.NONE;

    /**
     * The server's life, as its health reports it: {@code NOT_STARTED → LISTENING → CLOSED}, or {@code FAILED} when
     * the accept loop ends although nobody closed the server (nothing more is accepted: calls fall back to the
     * dialplan's queue).
     */
    public enum State { NOT_STARTED, LISTENING, FAILED, CLOSED }

    public HotlineAgiServer(AgiServerConfig config, CallHandler handler, AsteriskCalls calls) {
        this(config, handler, calls, Clock.systemUTC());
    }

    /** A node's only FastAGI server, beside its own AMI side ({@link AgiPeers#local}). */
    public HotlineAgiServer(AgiServerConfig config, CallHandler handler, AsteriskCalls calls, Clock clock) {
        this(config, handler, calls, AgiPeers.local(calls), clock);
    }

    /**
     * @param calls gives each call its platform id
     * @param peers where the AMI side that follows the calls is, and the other nodes' FastAGI servers
     * @param clock stamps each state change ({@link #health()})
     */
    public HotlineAgiServer(AgiServerConfig config, CallHandler handler, AsteriskCalls calls, AgiPeers peers,
                            Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.since = clock.instant();
        this.config = Objects.requireNonNull(config, "config");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.peers = Objects.requireNonNull(peers, "peers");
    }

    /**
     * How the sessions' waits are woken ({@link ChannelWakeUps}; none by default: they wait in short steps), from the
     * next call on.
     */
    public void wakeUps(ChannelWakeUps wakeUps) {
        this.wakeUps = Objects.requireNonNull(wakeUps, "wakeUps");
    }

    /**
     * Binds and starts accepting; returns once the server is listening.
     *
     * @throws IllegalStateException when the address cannot be bound (e.g. the port is taken), naming it, or when
     *                               the server was already started or closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException("FastAGI server already " + (closed ? "closed" : "started"));
            }
            ServerSocket serverSocket = bind();
            boundPort = serverSocket.getLocalPort();
            server = new VirtualThreadAgiServer(serverSocket, config, Map.of(
                    HOTLINE_SCRIPT, new HotlineScript(handler, calls, peers, dials, live, () -> wakeUps),
                    ANSWERED_SCRIPT, new AnsweredScript(dials, peers)));
            VirtualThreadAgiServer running = server;
            started = true;
            moveTo(State.LISTENING);
            acceptThread = Thread.ofPlatform().daemon().name("agi-accept-" + boundPort).start(() -> {
                try {
                    running.startup();
                } catch (IOException | RuntimeException e) {
                    problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    LOG.error("FastAGI server on port {} stopped: {}", boundPort, problem);
                } finally {
                    synchronized (lifecycle) {
                        if (!closed) {
                            moveTo(State.FAILED);
                        }
                    }
                }
            });
            LOG.info("FastAGI server listening on {}:{}, serving {}", config.bindAddress(), boundPort,
                    config.allowed().isEmpty() ? "loopback only" : config.allowed());
        }
    }

    private ServerSocket bind() {
        InetAddress address;
        try {
            address = InetAddress.getByName(config.bindAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("FastAGI bind address '" + config.bindAddress() + "' is unknown", e);
        }
        ServerSocket serverSocket = null;
        try {
            serverSocket = new ServerSocket();
            serverSocket.bind(new InetSocketAddress(address, config.port()), BACKLOG);
            return serverSocket;
        } catch (IOException e) {
            if (serverSocket != null) {
                try {
                    serverSocket.close();
                } catch (IOException ignored) {
                    // the socket never listened
                }
            }
            throw new IllegalStateException("FastAGI server cannot listen on " + config.bindAddress() + ":"
                    + config.port() + ": " + e.getMessage() + " (is another FastAGI server using the port?)", e);
        }
    }

    /** The port the server listens on (the one picked by the system when configured with port 0). */
    public int port() {
        synchronized (lifecycle) {
            if (!started) {
                throw new IllegalStateException("FastAGI server not started");
            }
            return boundPort;
        }
    }

    private void moveTo(State next) {
        state = next;
        since = clock.instant();
    }

    /** The server's state now. */
    public State state() {
        return state;
    }

    /** The server as one part of the node's health ({@code fastagi}): up while LISTENING. */
    public ComponentHealth health() {
        State s = state;
        String where = config.bindAddress() + ":" + (boundPort >= 0 ? boundPort : config.port());
        String why = problem;
        return new ComponentHealth("fastagi", ComponentKind.CALL_SERVER, s.name(), s == State.LISTENING, since,
                why.isEmpty() || s == State.LISTENING ? where : where + " (" + why + ")");
    }

    /** FastAGI sessions being served now (calls, plus any short {@code answered} sessions). */
    public int activeSessions() {
        VirtualThreadAgiServer running;
        synchronized (lifecycle) {
            running = server;
        }
        return running == null ? 0 : running.activeSessions();
    }

    /**
     * The agent ringing for {@code callId} answered, as another node's {@code answered} session said.
     *
     * @return false when no Dial for that call waits on this server
     */
    public boolean answered(String callId) {
        return dials.answered(callId);
    }

    /**
     * Has the AMI side follow every call whose session runs here again ({@link AgiPeers#follow}): after the switch's
     * link moved to another node, whose book does not know them yet.
     *
     * @return how many calls were followed again
     */
    public int followAgain() {
        List<AgiPeers.Call> now = List.copyOf(live.values());
        for (AgiPeers.Call s : now) {
            peers.follow(s.switchId(), s.channel(), s.platformId());
        }
        return now.size();
    }

    /** Dial threads running (each waits for an Asterisk Dial, i.e. ringing or a conversation, to end). */
    int activeDials() {
        return dials.inFlight();
    }

    /** Stops accepting and ends every session; waits up to 5 s for the session threads. Idempotent. */
    @Override
    public void close() {
        VirtualThreadAgiServer running;
        Thread accepting;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            moveTo(State.CLOSED);
            running = server;
            accepting = acceptThread;
        }
        if (running == null) {
            return;
        }
        running.close(CLOSE_GRACE);
        try {
            accepting.join(CLOSE_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("FastAGI server on port {} closed", boundPort);
    }
}
