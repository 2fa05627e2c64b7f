package org.hotline.app;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.app.config.Settings;
import org.hotline.app.db.EmbeddedDatabase;
import org.hotline.app.lifecycle.Lifecycle;
import org.hotline.app.cluster.NodeShape;
import org.hotline.app.lifecycle.NodeParts;
import org.hotline.app.telephony.AsteriskProfile;
import org.hotline.app.telephony.SimulatorProfile;
import org.hotline.app.telephony.TelephonyProfile;
import org.hotline.cluster.ClusterNode;
import org.hotline.console.ConsoleBackend;
import org.hotline.console.ConsoleConfig;
import org.hotline.console.ConsoleServer;
import org.hotline.console.auth.AuthConfig;
import org.hotline.console.callcontrol.DialPolicy;
import org.hotline.console.edge.EdgeSettings;
import org.hotline.interactions.live.InMemoryLiveCalls;
import org.hotline.cti.asterisk.AsteriskSwitch;
import org.hotline.cti.sim.SimulatedSwitch;
import org.hotline.cti.sim.TrafficGenerator;
import org.hotline.ivr.IvrEngine;
import org.hotline.ivr.IvrSettings;
import org.hotline.ivr.flow.FlowSet;
import org.hotline.platform.callback.CallbackQuery;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.hotline.reporting.live.LiveStats;
import org.hotline.reporting.live.QueueSpec;
import org.hotline.routing.CallDistributor;
import org.hotline.routing.queue.QueueDefinition;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.mail.MailChannel;
import org.hotline.ticketing.call.OpenCallRepair;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.DatabaseConfig;
import org.hotline.ticketing.seed.DemoSeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Hotline node: its {@link ClusterNode} (alone, or a cluster member that supplies a clustered Vert.x and
 * cluster-wide console sessions), database, event bus, call recorder, live-call model, ACD, live statistics, IVR, the
 * switch of its {@link TelephonyProfile} (simulator or Asterisk) and the console server, wired together, the same way
 * whichever profile runs and whether clustered or not. Built by {@link #start}, each part through its
 * {@link Lifecycle}; {@link #close} stops it in order ({@link NodeParts}): first what brings calls in (traffic
 * generators, then the switch, which hangs up the calls still live so that their records end), while routing,
 * statistics and the recorder still listen; then everything else in the reverse order of its start, so the call
 * recorder drains into a database that is still up, the database stops, and the cluster node leaves last.
 */
public final class HotlinePlatform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HotlinePlatform.class);
    private final NodeParts parts = new NodeParts();
    private ClusterNode cluster;
    private Ticketing ticketing;
    private MailChannel mailChannel;
    private EventBus bus;
    private CallDistributor acd;
    private NodeShape shape;
    private org.hotline.ticketing.workflow.DbTicketDesk desk;
    private TelephonyProfile telephony;
    private LiveStats stats;
    private InMemoryLiveCalls liveCalls;
    private int httpPort;
    private DatabaseConfig databaseConfig;
    private final Settings settings;
    private final Clock clock;

    private HotlinePlatform(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public static HotlinePlatform start(Settings settings, Clock clock) {
        HotlinePlatform p = new HotlinePlatform(settings, clock);
        try {
            p.boot();
            return p;
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private void boot() {
        // first, so that it stops last: alone (no Hazelcast) or a joined member; it gives the Vert.x and sessions
        cluster = ClusterNode.start(settings.cluster(), clock);
        parts.start(Lifecycle.running("cluster node", cluster));
        // next: a member's event bus, ACD and statistics need its clustered Vert.x and Hazelcast
        Vertx vertx = cluster.newVertx();
        parts.start(Lifecycle.running("Vert.x",
                () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)));
        shape = NodeShape.of(cluster, vertx);
        Settings.Db dbs = settings.db();
        DatabaseConfig dbConfig;
        if (dbs.embedded()) {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(dbs.dataDir());
            parts.start(Lifecycle.running("embedded database", embedded));
            dbConfig = new DatabaseConfig(embedded.jdbcUrl(), embedded.user(), embedded.password(), dbs.maxPoolSize());
        } else {
            dbConfig = new DatabaseConfig(dbs.url(), dbs.user(), dbs.password(), dbs.maxPoolSize());
        }
        databaseConfig = dbConfig;
        Database database = Database.open(dbConfig);
        parts.start(Lifecycle.running("database pool", database));
        ticketing = new Ticketing(database, clock, settings.auth().passwordIterations(), settings.auth().lockout());
        bus = shape.bus();
        desk = ticketing.workflow(bus);
        if (settings.demoSeed()) {
            DemoSeed.apply(ticketing);
        }
        // the SLA clocks fire here; an escalating ladder step takes the workflow's escalate as the system
        String clockNode = settings.clocks().nodeId() == null || settings.clocks().nodeId().isBlank()
                ? org.hotline.ticketing.clock.ClockScheduler.defaultNode() : settings.clocks().nodeId();
        org.hotline.ticketing.clock.ClockScheduler clockScheduler = ticketing.clockScheduler(
                ticketing.notificationWriter(), desk, new org.hotline.ticketing.clock.ClockScheduler.Settings(
                        clockNode, settings.clocks().schedulerInterval(), settings.clocks().dailyCheckAt()));
        parts.start(Lifecycle.of("clock scheduler", clockScheduler::start, clockScheduler));
        org.hotline.app.soak.CallJournal journal = org.hotline.app.soak.CallJournal.attachIfConfigured(bus);
        if (journal != null) {
            parts.start(Lifecycle.running("call journal", journal));
        }
        // one recorder per call: the node that holds the switch link, where the calls come in
        parts.start(Lifecycle.of("call recorder", () -> ticketing.callRecorder().start(shape.whileHoldingLink()),
                ticketing.callRecorder()));
        // before anything publishes a call event: every consumer of "the call" reads this one model
        liveCalls = new InMemoryLiveCalls(clock);
        parts.start(Lifecycle.of("live calls", () -> liveCalls.start(bus), liveCalls));
        ticketing.callbacks().publishTo(bus);
        org.hotline.ticketing.notify.NotificationDelivery notices =
                new org.hotline.ticketing.notify.NotificationDelivery(database, bus, clock);
        parts.start(Lifecycle.of("notification delivery",
                () -> notices.start(org.hotline.ticketing.notify.NotificationDelivery.DEFAULT_PERIOD), notices));
        startMailChannel();

        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, Thread.ofPlatform()
                .name("hotline-timer-", 0).daemon(true).factory());
        parts.start(Lifecycle.running("timers", () -> {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        }));

        // what the node runs its calls on; stopped first (see the class comment)
        telephony = TelephonyProfile.of(settings, bus, clock,
                new TelephonyProfile.Cluster(shape.peers(), shape::holdsLink, shape::linkHeld));
        // the switch's link runs where the node shape says (here, or on the one member holding it); stopped first
        NodeShape.SwitchLink link = shape.switchLink("switch", telephony.ports(), Lifecycle.of(telephony.name(), () -> {
            // before the switch takes calls: close (or follow again) the records a stopped holder left open
            new OpenCallRepair(ticketing.callRecorder(), clock, bus).run(telephony.recovery());
            // then, on a cluster, the calls that came in while no node held the link (and recorded calls)
            org.hotline.ticketing.call.CallCatchUp.recordMissing(ticketing.callRecorder(), liveCalls);
            telephony.start();
        }, telephony));
        parts.intake(link.lifecycle());
        // on every node, stopped before the link: Asterisk's FastAGI server (a call's session may reach any node)
        Lifecycle callServer = parts.intake(telephony.callServer());
        SwitchPorts ports = link.ports();

        List<QueueDefinition> queues = settings.queues().stream()
                .map(q -> new QueueDefinition(q.name(), q.skill(), q.serviceLevelSeconds(), q.ringTimeout(), q.wrapUp()))
                .toList();
        acd = shape.acd(queues, clock, scheduler, ports.presence());
        parts.start(Lifecycle.running("ACD", acd));
        desk.servedCustomers(new org.hotline.ticketing.workflow.AcdServedCustomer(acd, ticketing.calls()));

        stats = shape.stats(clock, settings.queues().stream()
                .map(q -> new QueueSpec(q.name(), q.skill(), q.serviceLevelSeconds())).toList(), acd);
        parts.start(Lifecycle.running("live statistics", stats));
        stats.openCallbacks(ticketing.callbacks().list(CallbackQuery.open(CallbackQuery.MAX_LIMIT)));

        FlowSet flows = settings.ivrFlowDir().isBlank()
                ? FlowSet.classpath("ivr/main.yaml")
                : FlowSet.load(Path.of(settings.ivrFlowDir()));
        ports.incoming().onIncomingCall(new IvrEngine(flows, ticketing.customers(), acd, bus, clock,
                IvrSettings.defaults(), ticketing.callbacks()));
        registerHumanAgents();

        ConsoleServer console = new ConsoleServer(vertx,
                new ConsoleConfig(settings.http().host(), settings.http().port(),
                        new AuthConfig(settings.http().sessions(), settings.http().secureCookies(),
                                settings.auth().accountThrottle(), settings.auth().addressThrottle(),
                                settings.http().trustedProxies()), telephony::consolePhoneOf,
                        DialPolicy.of(settings.outbound().allowedDestinations()), edge(settings.http()),
                        settings.demoSeed()),
                new ConsoleBackend(ticketing.users(), acd, ticketing.calls(), ticketing.customers(),
                        ticketing.tickets(), ticketing.callbacks(), stats, ports,
                        ticketing.audit(), bus, clock, health(), ticketing.notifications(), desk,
                        ticketing.organisation(), ticketing.calendars(), ticketing.intake(), liveCalls),
                cluster.sessions());
        parts.start(Lifecycle.of("console server", () -> httpPort = await(console.start()),
                () -> await(console.stop())));
        LOG.info("Hotline console on http://{}:{}/", settings.http().host(), httpPort);
        LOG.info("public complaint form on http://{}:{}/complaint.html", settings.http().host(), httpPort);

        // last: the switch starts taking calls (the simulator's agents and traffic; Asterisk's AMI and FastAGI)
        telephony.wire(new TelephonyProfile.Node(acd, scheduler, ticketing));
        parts.begin(link.lifecycle());
        parts.begin(callServer);
    }

    /** Public origins, allowed hosts, timeouts and the connection cap (validated by {@link Settings}). */
    private static EdgeSettings edge(Settings.Http http) {
        return new EdgeSettings(http.publicOrigins(), http.allowedHosts(), http.idleTimeout(), http.headerTimeout(),
                http.maxConnectionsPerAddress());
    }

    /**
     * Every part of this node that can tell its health: the database, then the switch (each AMI link and the FastAGI
     * server on Asterisk, the simulator on the simulator), then the cluster membership (STANDALONE, JOINED, PARTIAL,
     * LEFT).
     */
    public HealthCheck health() {
        return HealthCheck.of(List.of(ticketing.health(), shape.switchHealth(telephony.health()),
                telephony.callServerHealth(), cluster.health()));
    }

    /**
     * Starts simulated callers (on the simulator only); a zero {@code duration} and {@code maxCalls} mean "until the
     * platform stops" (demo). See {@link SimulatorProfile#startTraffic}.
     *
     * @throws IllegalStateException on Asterisk, where callers come from the phone network
     */
    public TrafficGenerator startTraffic(double callsPerSecond, java.time.Duration duration, long maxCalls) {
        if (!(telephony instanceof SimulatorProfile sim)) {
            throw new IllegalStateException("simulated traffic needs the simulator (hotline.telephony=simulator)");
        }
        return sim.startTraffic(callsPerSecond, duration, maxCalls);
    }

    /** Every user with the AGENT role becomes an ACD agent on the phone the telephony profile names for them. */
    private void registerHumanAgents() {
        for (User u : ticketing.users().all()) {
            if (u.has(Role.AGENT)) {
                acd.register(new AgentProfile(u.username(), u.displayName(), u.skills(),
                        telephony.phoneOf(u.username())));
            }
        }
    }

    private static <T> T await(io.vertx.core.Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The email channel (W2.1), when {@code hotline.mail.imap.host} is configured; its hook mails the ticket
     * workflow's customer-visible replies.
     */
    private void startMailChannel() {
        if (settings.mail().enabled()) {
            mailChannel = new MailChannel(settings.mail(), ticketing.database(), ticketing.complaintFiler(), clock);
            desk.addHook(mailChannel.hook());
            parts.start(Lifecycle.of("email channel", mailChannel::start, mailChannel));
        }
    }

    /** The email channel, or null when it is not configured. */
    public MailChannel mailChannel() {
        return mailChannel;
    }

    /** The database this node uses (the embedded one's address when it runs one). */
    public DatabaseConfig databaseConfig() {
        return databaseConfig;
    }

    public int httpPort() {
        return httpPort;
    }

    public Ticketing ticketing() {
        return ticketing;
    }

    public EventBus bus() {
        return bus;
    }

    public CallDistributor acd() {
        return acd;
    }

    /** Whether this node holds the switch's link now: always alone; one member at a time in a cluster. */
    public boolean holdsSwitchLink() {
        return shape.holdsLink();
    }

    /** How this node stands in the cluster (alone by default). */
    public ClusterNode cluster() {
        return cluster;
    }

    /** The simulated switch, or null when the platform runs on Asterisk. */
    public SimulatedSwitch simulatedSwitch() {
        return telephony instanceof SimulatorProfile sim ? sim.simulatedSwitch() : null;
    }

    /** The Asterisk adapter, or null on the simulator. */
    public AsteriskSwitch asteriskSwitch() {
        return telephony instanceof AsteriskProfile asterisk ? asterisk.asteriskSwitch() : null;
    }

    /** The switch through its capability ports (whichever profile runs). */
    public SwitchPorts switchPorts() {
        return telephony.ports();
    }

    public LiveStats stats() {
        return stats;
    }

    /** The node's live-call model (every call on the switch now, and the recently ended ones). */
    public InMemoryLiveCalls liveCalls() {
        return liveCalls;
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** Stops the node in order (see the class comment); logs how long that took. Idempotent. */
    @Override
    public void close() {
        if (parts.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        parts.close();
        LOG.info("Hotline stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }
}
