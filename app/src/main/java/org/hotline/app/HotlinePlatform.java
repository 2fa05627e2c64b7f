package org.hotline.app;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hotline.app.config.Settings;
import org.hotline.app.db.EmbeddedDatabase;
import org.hotline.console.ConsoleBackend;
import org.hotline.console.ConsoleConfig;
import org.hotline.console.ConsoleServer;
import org.hotline.console.auth.AuthConfig;
import org.hotline.console.callcontrol.DialPolicy;
import org.hotline.console.edge.EdgeSettings;
import org.hotline.cti.asterisk.AsteriskSwitch;
import org.hotline.cti.asterisk.agi.AddressRange;
import org.hotline.cti.asterisk.agi.AgiServerConfig;
import org.hotline.cti.asterisk.ami.AmiServerConfig;
import org.hotline.cti.sim.SimulatedAgents;
import org.hotline.cti.sim.SimulatedSwitch;
import org.hotline.cti.sim.SimulationTiming;
import org.hotline.cti.sim.TrafficGenerator;
import org.hotline.cti.sim.TrafficProfile;
import org.hotline.ivr.IvrEngine;
import org.hotline.ivr.IvrSettings;
import org.hotline.ivr.flow.FlowSet;
import org.hotline.platform.callback.CallbackQuery;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.interactions.calls.bridge.SwitchControlPorts;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchControl;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.hotline.reporting.live.LiveStats;
import org.hotline.reporting.live.QueueSpec;
import org.hotline.routing.Acd;
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
 * One running Hotline node: database, event bus, call recorder, ACD, live statistics, IVR, the simulated switch and
 * the console server, wired together. Built by {@link #start}; {@link #close} stops it in order: first what brings
 * calls in (traffic generators, then the switch, which hangs up the calls still live so that their records end), while
 * routing, statistics and the recorder still listen; then everything else in the reverse order of its start, so the
 * call recorder drains into a database that is still up and the database stops last.
 */
public final class HotlinePlatform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HotlinePlatform.class);
    /** Device name of a human agent's console softphone. */
    public static final String CONSOLE_DEVICE_PREFIX = "console/";

    private static final long SLOW_STOP_MS = 500;
    /** TEMPORARY (until AsteriskSwitch says it itself): everything but answering a SIP phone from the console. */
    private static final SwitchCapabilities ASTERISK_CAN = new SwitchCapabilities(false, true, true, true, true, true,
            true);

    private final Deque<Stop> closeables = new ArrayDeque<>();
    /** What brings calls in; closed before {@link #closeables}. */
    private final Deque<Stop> intake = new ArrayDeque<>();
    private Ticketing ticketing;
    private MailChannel mailChannel;
    private EventBus bus;
    private Acd acd;
    private org.hotline.ticketing.workflow.DbTicketDesk desk;
    private SimulatedSwitch simulatedSwitch;
    private final java.util.Set<String> pluggedConsolePhones = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private AsteriskSwitch asteriskSwitch;
    private SwitchControl switchControl;
    /** TEMPORARY (until the switches provide their capability ports): how the platform's call id reaches them. */
    private SwitchControlPorts.PresetCallIds callIds;
    private SimulatedAgents simulatedAgents;
    private LiveStats stats;
    private int httpPort;
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
        Settings.Db dbs = settings.db();
        DatabaseConfig dbConfig;
        if (dbs.embedded()) {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(dbs.dataDir());
            closeables.push(new Stop("embedded database", embedded));
            dbConfig = new DatabaseConfig(embedded.jdbcUrl(), embedded.user(), embedded.password(), dbs.maxPoolSize());
        } else {
            dbConfig = new DatabaseConfig(dbs.url(), dbs.user(), dbs.password(), dbs.maxPoolSize());
        }
        Database database = Database.open(dbConfig);
        closeables.push(new Stop("database pool", database));
        ticketing = new Ticketing(database, clock, settings.auth().passwordIterations(), settings.auth().lockout());
        bus = new LocalEventBus();
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
        clockScheduler.start();
        closeables.push(new Stop("clock scheduler", clockScheduler));
        org.hotline.app.soak.CallJournal journal = org.hotline.app.soak.CallJournal.attachIfConfigured(bus);
        if (journal != null) {
            closeables.push(new Stop("call journal", journal));
        }
        ticketing.callRecorder().start(bus);
        closeables.push(new Stop("call recorder", ticketing.callRecorder()));
        ticketing.callbacks().publishTo(bus);
        org.hotline.ticketing.notify.NotificationDelivery notices =
                new org.hotline.ticketing.notify.NotificationDelivery(database, bus, clock);
        notices.start(org.hotline.ticketing.notify.NotificationDelivery.DEFAULT_PERIOD);
        closeables.push(new Stop("notification delivery", notices));
        startMailChannel();

        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, Thread.ofPlatform()
                .name("hotline-timer-", 0).daemon(true).factory());
        closeables.push(new Stop("timers", () -> {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        }));

        Settings.Simulation sim = settings.simulation();
        boolean simulator = settings.telephony() == Settings.Telephony.SIMULATOR;
        if (simulator) {
            SimulationTiming timing = "instant".equals(sim.timing()) ? SimulationTiming.instant() : SimulationTiming.demo();
            callIds = new SwitchControlPorts.PresetCallIds(new org.hotline.platform.call.CallIds("sim", clock));
            simulatedSwitch = new SimulatedSwitch(bus, clock, timing, callIds);
            intake.push(new Stop("simulated switch", simulatedSwitch));
            switchControl = simulatedSwitch;
        } else {
            Settings.Asterisk a = settings.asterisk();
            callIds = new SwitchControlPorts.PresetCallIds(new org.hotline.platform.call.CallIds("ast", clock));
            asteriskSwitch = new AsteriskSwitch(new AgiServerConfig(a.agiBind(), a.agiPort(), a.agiSocketReadTimeout(),
                            a.agi().idleTimeout(), a.agi().envTimeout(), a.agi().maxConnectionsPerAddress(),
                            a.agi().allowedAddresses().stream().map(AddressRange::parse).toList()),
                    a.ami().stream().map(x -> new AmiServerConfig(x.name(), x.host(), x.port(), x.username(),
                            x.secret())).toList(),
                    bus, clock, callIds);
            intake.push(new Stop("Asterisk adapter", asteriskSwitch));
            switchControl = asteriskSwitch;
        }

        // before the switch takes calls: close (or follow again) the records a stopped platform left open
        new OpenCallRepair(ticketing.callRecorder(), clock).run(simulator ? simulatedSwitch : asteriskSwitch);

        List<QueueDefinition> queues = settings.queues().stream()
                .map(q -> new QueueDefinition(q.name(), q.skill(), q.serviceLevelSeconds(), q.ringTimeout(), q.wrapUp()))
                .toList();
        acd = new Acd(queues, bus, clock, scheduler, switchControl::deviceAvailable);
        desk.servedCustomers(new org.hotline.ticketing.workflow.AcdServedCustomer(acd, ticketing.calls()));
        closeables.push(new Stop("ACD", acd));

        stats = new LiveStats(bus, clock, settings.queues().stream()
                .map(q -> new QueueSpec(q.name(), q.skill(), q.serviceLevelSeconds())).toList(), acd);
        closeables.push(new Stop("live statistics", stats));
        stats.openCallbacks(ticketing.callbacks().list(CallbackQuery.open(CallbackQuery.MAX_LIMIT)));

        FlowSet flows = settings.ivrFlowDir().isBlank()
                ? FlowSet.classpath("ivr/main.yaml")
                : FlowSet.load(Path.of(settings.ivrFlowDir()));
        switchControl.onIncomingCall(new IvrEngine(flows, ticketing.customers(), acd, bus, clock,
                IvrSettings.defaults(), ticketing.callbacks()));

        registerHumanAgents();
        if (simulator && sim.enabled() && sim.agents() > 0) {
            startSimulatedAgents(sim, scheduler);
        }

        Vertx vertx = Vertx.vertx();
        closeables.push(new Stop("Vert.x",
                () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)));
        ConsoleServer console = new ConsoleServer(vertx,
                new ConsoleConfig(settings.http().host(), settings.http().port(),
                        new AuthConfig(settings.http().sessions(), settings.http().secureCookies(),
                                settings.auth().accountThrottle(), settings.auth().addressThrottle(),
                                settings.http().trustedProxies()), this::consolePhoneOf,
                        DialPolicy.of(settings.outbound().allowedDestinations()), edge(settings.http()),
                        settings.demoSeed()),
                new ConsoleBackend(ticketing.users(), acd, ticketing.calls(), ticketing.customers(),
                        ticketing.tickets(), ticketing.callbacks(), stats, SwitchControlPorts.of(switchControl, callIds,
                        simulator ? SwitchCapabilities.ALL : ASTERISK_CAN), ticketing.audit(), bus, clock,
                        health(), ticketing.notifications(), desk, ticketing.organisation(),
                        ticketing.calendars(), ticketing.intake()));
        httpPort = await(console.start());
        closeables.push(new Stop("console server", () -> await(console.stop())));
        LOG.info("Hotline console on http://{}:{}/", settings.http().host(), httpPort);
        LOG.info("public complaint form on http://{}:{}/complaint.html", settings.http().host(), httpPort);
        if (simulator && sim.enabled() && sim.callsPerSecond() > 0) {
            startTraffic(sim.callsPerSecond(), java.time.Duration.ZERO, 0);
        }
        if (asteriskSwitch != null) {
            asteriskSwitch.start();
            LOG.info("FastAGI on {}:{}; AMI servers {}", settings.asterisk().agiBind(), asteriskSwitch.agiPort(),
                    settings.asterisk().ami());
        }
    }

    /** Public origins, allowed hosts, timeouts and the connection cap (validated by {@link Settings}). */
    private static EdgeSettings edge(Settings.Http http) {
        return new EdgeSettings(http.publicOrigins(), http.allowedHosts(), http.idleTimeout(), http.headerTimeout(),
                http.maxConnectionsPerAddress());
    }

    /**
     * Every part of this node that can tell its health: the database, then the switch (each AMI link and the FastAGI
     * server on Asterisk, the simulator on the simulator). The cluster will be one more part.
     */
    public HealthCheck health() {
        HealthCheck sw = asteriskSwitch != null ? asteriskSwitch : simulatedSwitch;
        return HealthCheck.of(List.of(ticketing.health(), sw));
    }

    /** The phone that rings for a user: the console softphone on the simulator, the configured phone on Asterisk. */
    /**
     * The phone the console uses for {@code username}; on the simulator a console phone is plugged in the first time
     * it is asked for, so that a user an administrator created while the platform runs can take calls at once.
     */
    private String consolePhoneOf(String username) {
        String device = phoneOf(username);
        if (simulatedSwitch != null && settings.telephony() == Settings.Telephony.SIMULATOR
                && pluggedConsolePhones.add(device)) {
            simulatedSwitch.registerDevice(device);
        }
        return device;
    }

    private String phoneOf(String username) {
        return settings.telephony() == Settings.Telephony.SIMULATOR
                ? CONSOLE_DEVICE_PREFIX + username
                : settings.asterisk().deviceOf(username);
    }

    /**
     * Starts simulated callers at the configured rate; a zero {@code duration} and {@code maxCalls} mean "until the
     * platform stops" (demo). Callers dial from the known customers' numbers and from unknown ones.
     */
    public TrafficGenerator startTraffic(double callsPerSecond, java.time.Duration duration, long maxCalls) {
        Settings.Simulation sim = settings.simulation();
        List<String> anis = new java.util.ArrayList<>();
        ticketing.customers().search("", 200).forEach(c -> anis.addAll(c.phones()));
        for (int i = 0; i < Math.max(4, anis.size() / 3); i++) {
            anis.add(String.format("1700000%04d", i)); // unknown callers
        }
        TrafficGenerator traffic = new TrafficGenerator(simulatedSwitch,
                new TrafficProfile(callsPerSecond, duration, maxCalls, anis, sim.menuWeights(),
                        sim.meanPatience(), sim.meanTalkTime()),
                new java.util.SplittableRandom());
        intake.push(new Stop("traffic generator", () -> traffic.stopAndAwait(java.time.Duration.ofSeconds(5))));
        traffic.start();
        return traffic;
    }

    /**
     * Every user with the AGENT role becomes an ACD agent whose phone is the console's softphone; supervisors and
     * admins get a console phone too (to listen, whisper or barge in).
     */
    private void registerHumanAgents() {
        for (User u : ticketing.users().all()) {
            String device = phoneOf(u.username());
            if (simulatedSwitch != null && (u.has(Role.AGENT) || u.has(Role.SUPERVISOR) || u.has(Role.ADMIN))) {
                pluggedConsolePhones.add(device);
                simulatedSwitch.registerDevice(device);
            }
            if (u.has(Role.AGENT)) {
                acd.register(new AgentProfile(u.username(), u.displayName(), u.skills(), device));
            }
        }
    }

    private void startSimulatedAgents(Settings.Simulation sim, ScheduledExecutorService scheduler) {
        simulatedAgents = new SimulatedAgents(simulatedSwitch, acd, bus, scheduler, sim.agentRingDelay(),
                sim.agentWrapUp());
        closeables.push(new Stop("simulated agents", simulatedAgents));
        var skills = settings.queues().stream().map(Settings.Queue::skill).collect(java.util.stream.Collectors.toSet());
        for (int i = 1; i <= sim.agents(); i++) {
            String name = String.format("sim%02d", i);
            simulatedAgents.add(new AgentProfile(name, "模拟坐席 " + i, skills, "sim/" + name));
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
            mailChannel.start();
            closeables.push(new Stop("email channel", mailChannel));
        }
    }

    /** The email channel, or null when it is not configured. */
    public MailChannel mailChannel() {
        return mailChannel;
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

    public Acd acd() {
        return acd;
    }

    /** The simulated switch, or null when the platform runs on Asterisk. */
    public SimulatedSwitch simulatedSwitch() {
        return simulatedSwitch;
    }

    /** The Asterisk adapter, or null on the simulator. */
    public AsteriskSwitch asteriskSwitch() {
        return asteriskSwitch;
    }

    public LiveStats stats() {
        return stats;
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
        if (intake.isEmpty() && closeables.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        closeAll(intake);
        closeAll(closeables);
        LOG.info("Hotline stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    private static void closeAll(Deque<Stop> stack) {
        while (!stack.isEmpty()) {
            Stop step = stack.pop();
            long t0 = System.nanoTime();
            try {
                step.part().close();
            } catch (Exception e) {
                LOG.warn("error while stopping the {}: {}", step.name(), e.toString());
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms >= SLOW_STOP_MS) {
                LOG.info("stopping the {} took {} ms", step.name(), ms);
            }
        }
    }

    /** One part to close at the stop, named for the log. */
    private record Stop(String name, AutoCloseable part) {
    }
}
