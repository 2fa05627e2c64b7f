package org.hotline.console;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import org.hotline.console.access.DataAccess;
import java.util.concurrent.TimeUnit;
import org.hotline.console.agent.AcdAgents;
import org.hotline.console.agent.AgentRoutes;
import org.hotline.console.admin.AdminArea;
import org.hotline.console.auth.AdminRoutes;
import org.hotline.console.auth.AuthHandler;
import org.hotline.console.auth.ClientAddress;
import org.hotline.console.auth.Login;
import org.hotline.console.auth.LoginThrottle;
import org.hotline.console.auth.AuthRoutes;
import org.hotline.console.auth.SessionCookie;
import org.hotline.console.auth.SessionEnder;
import org.hotline.console.auth.SessionStore;
import org.hotline.console.callbacks.CallbackRoutes;
import org.hotline.console.callcontrol.CallControlRoutes;
import org.hotline.console.callcontrol.SpyRoutes;
import org.hotline.console.calls.CallRoutes;
import org.hotline.console.customers.CustomerHistory;
import org.hotline.console.customers.CustomerRoutes;
import org.hotline.console.edge.ConnectionGuard;
import org.hotline.console.edge.CsrfGuard;
import org.hotline.console.edge.EdgeGuard;
import org.hotline.console.edge.FrontDoor;
import org.hotline.console.edge.InvalidRequests;
import org.hotline.console.health.HealthRoutes;
import org.hotline.console.intake.PublicComplaintRoutes;
import org.hotline.console.auth.ThrottleRule;
import org.hotline.console.http.Blocking;
import org.hotline.console.http.ErrorResponder;
import org.hotline.console.http.SecurityHeaders;
import org.hotline.console.notify.NotificationRelay;
import org.hotline.console.notify.NotificationRoutes;
import org.hotline.console.pop.ScreenPopBuilder;
import org.hotline.console.stats.StatsRoutes;
import org.hotline.console.tickets.TicketRelay;
import org.hotline.console.tickets.TicketRoutes;
import org.hotline.console.ws.EventRelay;
import org.hotline.console.ws.SocketRegistry;
import org.hotline.console.ws.StatsBroadcaster;
import org.hotline.console.ws.WebSocketEndpoint;
import org.hotline.interactions.calls.AgentCallControl;
import org.hotline.interactions.calls.CallbackDial;
import org.hotline.interactions.calls.OutboundDial;
import org.hotline.interactions.calls.SupervisorJoin;
import org.hotline.platform.session.InMemorySessionRepository;
import org.hotline.platform.session.SessionRepository;
import org.hotline.platform.telephony.SwitchPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent console: JSON API, WebSocket push and the browser UI from the classpath {@code webroot/}, on one Vert.x
 * HTTP server. It talks to the rest of Hotline only through the ports in {@link ConsoleBackend}; every port call runs
 * on a worker thread.
 */
public final class ConsoleServer {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    static final long BODY_LIMIT_BYTES = 64 * 1024;
    static final int WS_MESSAGE_LIMIT_BYTES = 16 * 1024;
    static final long PURGE_PERIOD_MS = 30_000;
    /** Longer request lines are answered 414, larger heads 431 (both with the JSON error body). */
    static final int MAX_REQUEST_LINE_BYTES = 4096;
    static final int MAX_HEADER_BYTES = 8192;

    private final Vertx vertx;
    private final ConsoleConfig config;
    private final ConsoleBackend backend;
    private final Blocking blocking;
    private final SessionStore sessions;
    private final SessionEnder ender;
    private final SessionCookie cookie;
    private final LoginThrottle throttle;
    private final ClientAddress addresses;
    private final AcdAgents acd;
    private final AgentCallControl calls;
    private final OutboundDial dial;
    private final SocketRegistry sockets = new SocketRegistry();
    private final CustomerHistory history;
    private final ScreenPopBuilder pops;
    private final StatsBroadcaster broadcaster;
    private final Router router;
    private final Context context;
    private final EventRelay relay;
    private final EdgeGuard edge;
    private final NotificationRelay notices;
    private final TicketRelay ticketChanges;
    private boolean started;
    private HttpServer server;
    private long purgeTimer = -1;

    /** With the sessions in this node's memory (a standalone node). */
    public ConsoleServer(Vertx vertx, ConsoleConfig config, ConsoleBackend backend) {
        this(vertx, config, backend, new InMemorySessionRepository());
    }

    /** With the sessions kept in {@code sessionRepository} (shared by a cluster's nodes, or this node's memory). */
    public ConsoleServer(Vertx vertx, ConsoleConfig config, ConsoleBackend backend,
                         SessionRepository sessionRepository) {
        this.vertx = vertx;
        this.config = config;
        this.backend = backend;
        this.blocking = new Blocking(vertx);
        this.sessions = new SessionStore(backend.clock(), config.auth().sessions(), sessionRepository);
        this.cookie = SessionCookie.forHost(config.host(), config.auth().secureCookies());
        this.throttle = new LoginThrottle(backend.clock(), config.auth().accountThrottle(),
                config.auth().addressThrottle());
        this.addresses = new ClientAddress(config.auth().trustedProxies());
        this.acd = new AcdAgents(backend.agents(), config.phoneOf());
        this.ender = new SessionEnder(sessions, acd, blocking);
        this.history = new CustomerHistory(backend.customers(), backend.tickets(), backend.calls(), backend.clock());
        this.pops = new ScreenPopBuilder(history);
        this.broadcaster = new StatsBroadcaster(vertx, sockets, backend.stats(), backend.liveCalls(), blocking,
                backend.health(), backend.clock());
        this.edge = new EdgeGuard(config.edge(), config.host());
        this.router = Router.router(vertx);
        this.context = vertx.getOrCreateContext();
        this.relay = new EventRelay(backend.bus(), backend.liveCalls(), context, sockets, pops, blocking);
        this.notices = new NotificationRelay(backend.bus(), context, sockets);
        this.ticketChanges = new TicketRelay(backend.bus(), context, sockets);
        SwitchPorts switches = backend.switches();
        this.calls = new AgentCallControl(acd::current, switches.control(), switches.capabilities());
        this.dial = new OutboundDial(acd::current, backend.agents(), switches.originate(), switches.capabilities(),
                config.dialPolicy()::allows, new OutboundDial.Trace(backend.bus(), backend.audit(), backend.clock()));
        sessions.onEnded(s -> sockets.closeSession(s.token()));
        sessions.onEndedElsewhere(ender::endedElsewhere);
        mountRoutes();
    }

    /** Starts listening; resolves with the bound port. */
    public synchronized Future<Integer> start() {
        if (started) {
            return Future.failedFuture(new IllegalStateException("console already started"));
        }
        started = true;
        Promise<Integer> listening = Promise.promise();
        context.runOnContext(v -> listen().onComplete(listening).onFailure(e -> stopBackgroundWork()));
        return listening.future();
    }

    /** Closes every socket, ends every session and stops listening. */
    public synchronized Future<Void> stop() {
        if (!started) {
            return Future.succeededFuture();
        }
        started = false;
        Promise<Void> stopped = Promise.promise();
        context.runOnContext(v -> {
            stopBackgroundWork();
            sockets.closeAll();
            sessions.endAll();
            Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
            closed.onComplete(stopped);
        });
        return stopped.future();
    }

    private synchronized void stopBackgroundWork() {
        started = false;
        relay.close();
        notices.close();
        ticketChanges.close();
        broadcaster.stop();
        if (purgeTimer >= 0) {
            vertx.cancelTimer(purgeTimer);
            purgeTimer = -1;
        }
    }

    /** The router (for tests that check every route against the access policy). */
    Router router() {
        return router;
    }

    private Future<Integer> listen() {
        relay.start();
        notices.start();
        ticketChanges.start();
        broadcaster.start();
        purgeTimer = vertx.setPeriodic(PURGE_PERIOD_MS, id -> ender.purgeExpired());
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setMaxWebSocketFrameSize(WS_MESSAGE_LIMIT_BYTES)
                .setMaxWebSocketMessageSize(WS_MESSAGE_LIMIT_BYTES)
                // no cleartext HTTP/2 (no browser speaks it): its protocol sniffing waits for the first 24 bytes
                // before the connection exists, which would keep a silent or half-sent connection out of reach
                .setHttp2ClearTextEnabled(false)
                .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, config.edge().idleTimeout().toMillis()));
        ConnectionGuard connections = new ConnectionGuard(vertx, config.edge());
        return vertx.createHttpServer(options)
                .connectionHandler(connections)
                .invalidRequestHandler(new InvalidRequests(connections))
                .requestHandler(new FrontDoor(edge, connections, router))
                .listen().map(s -> {
            server = s;
            LOG.info("agent console listening on {}:{}", config.host(), s.actualPort());
            return s.actualPort();
        });
    }

    private void mountRoutes() {
        router.route().handler(new SecurityHeaders());
        router.route("/api/*").handler(new CsrfGuard(edge));
        router.route("/api/*").handler(new AuthHandler(sessions, cookie));
        router.post("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.put("/api/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));

        new HealthRoutes(backend.health(), blocking, backend.clock()).mount(router);
        new AuthRoutes(new Login(backend.users(), sessions, throttle, backend.audit(), backend.clock()), ender, cookie,
                addresses, backend.audit(), blocking, backend.clock(), config.demo()).mount(router);
        new AdminRoutes(backend.users(), throttle, addresses, backend.audit(), blocking, backend.clock())
                .mount(router);
        new AdminArea(backend.users(), backend.organisation(), sessions, ender, acd, addresses, backend.audit(),
                blocking, backend.clock()).mount(router);
        new AgentRoutes(acd, calls, backend.switches().capabilities(), blocking).mount(router);
        new CallControlRoutes(calls, dial, blocking).mount(router);
        new StatsRoutes(backend.stats(), backend.agents(), backend.liveCalls(), blocking).mount(router);
        new SpyRoutes(new SupervisorJoin(backend.agents(), backend.switches().supervision(),
                backend.switches().capabilities(), config.phoneOf()), blocking).mount(router);
        DataAccess access = new DataAccess(backend.agents(), backend.calls());
        new CallRoutes(backend.calls(), access, blocking).mount(router);
        new org.hotline.console.tickets.FilterChoiceRoutes(new org.hotline.console.tickets.FilterChoices(
                backend.users(), backend.organisation()), blocking).mount(router);
        new TicketRoutes(backend.tickets(), backend.desk(), access, blocking).mount(router);
        new CustomerRoutes(history, blocking).mount(router);
        new CallbackRoutes(backend.callbacks(), acd, new CallbackDial(backend.callbacks(), acd::current, dial),
                blocking).mount(router);
        new NotificationRoutes(backend.notifications(), blocking).mount(router);
        new org.hotline.console.calendar.CalendarRoutes(backend.calendars(), addresses, blocking).mount(router);
        new PublicComplaintRoutes(backend.intake(), new LoginThrottle(backend.clock(), ThrottleRule.PUBLIC_FORM_DEFAULT,
                ThrottleRule.PUBLIC_FORM_DEFAULT), addresses, blocking).mount(router);
        router.get("/api/ws").handler(new WebSocketEndpoint(sockets, relay, broadcaster, acd, sessions, backend.liveCalls(),
                blocking, edge));

        // every page links /favicon.svg; a client that asks for the old address anyway is sent there, not a 404
        router.get("/favicon.ico").handler(rc -> rc.response().setStatusCode(301)
                .putHeader("Location", "/favicon.svg").end());
        router.route("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html").setMaxAgeSeconds(300));
        router.route().failureHandler(new ErrorResponder());
    }
}
