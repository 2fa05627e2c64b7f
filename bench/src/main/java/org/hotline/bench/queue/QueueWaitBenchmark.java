package org.hotline.bench.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.agi.AgiServerConfig;
import org.hotline.cti.asterisk.ChannelWakeUps;
import org.hotline.cti.asterisk.agi.HotlineAgiServer;
import org.hotline.bench.agi.AgiHoldingPeers;
import org.hotline.bench.agi.AgiPeers;
import org.hotline.bench.agi.AgiPeersInChildJvm;
import org.hotline.bench.agi.BoundedWait;
import org.hotline.ivr.IvrEngine;
import org.hotline.ivr.IvrSettings;
import org.hotline.ivr.flow.FlowSet;
import org.hotline.platform.event.CallEvent.CallAbandoned;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallOffered;
import org.hotline.platform.event.CallEvent.CallQueued;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.LocalEventBus;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.routing.Acd;
import org.hotline.routing.queue.QueueDefinition;

/**
 * What N callers waiting in a queue over FastAGI cost one node, and how soon a reserved agent is rung. Wires the real
 * parts: a {@link LocalEventBus}, the {@link Acd} with one queue, the {@link IvrEngine} with a one-node flow (straight
 * into that queue: please-hold prompt, music on hold, the position every 30 s, no callback) and
 * {@link IvrSettings#defaults()}' waiting loop ({@code WAIT FOR DIGIT} of the poll interval, one after the other, with
 * a look for a reservation between two),
 * behind {@link HotlineAgiServer} on loopback. N {@link AgiHoldingPeers} sessions (Asterisk's side; no key pressed)
 * call in with {@code hotline?flow=}{@value #FLOW_ID}.
 * <ol>
 * <li>Once every caller is in the waiting loop (and 2 s more), it measures over a fixed window: the node's process
 * CPU (of all cores; in-process peers' own thread CPU left out) and the AGI commands per second the peers receive.
 * The window is one position-announcement period (30 s), so that it holds each caller's announcement (four more
 * commands) once, as a steady state would: the callers all arrived within a few seconds, so a shorter window would
 * hold all of their announcements or none.</li>
 * <li>Then M times, one at a time and 50 ms apart: a fresh agent logs in and goes READY, the ACD reserves it for the
 * longest-waiting call, and the latency is measured from the reservation (a time stamp taken in a bus subscriber on
 * {@code CallOffered}) to the peer reading that call's {@code EXEC Dial} (a time stamp taken when the bytes are read),
 * at most 5 s. That caller then hangs up, as one who leaves while the agent's phone rings: the peer closes the
 * connection and, since on Asterisk only the AMI side reports hang-ups and there is no AMI here, this benchmark
 * publishes the {@code CallHungUp}. A caller leaving while the phone rings sends the agent back to READY, where it
 * would take the next waiting call at once; so each agent's skill is withdrawn before the hang-up and the agent logs
 * out after it.</li>
 * <li>Last, every other caller hangs up and the benchmark waits (2 min at most) until no session is left open.</li>
 * </ol>
 * Both ends of a session are sockets: when 2N sockets do not fit under this process's file-descriptor limit, the
 * peers run in a child JVM ({@link AgiPeersInChildJvm}) and the latency is taken on the wall clock
 * ({@code Instant.now()}) in both JVMs; in one JVM it is taken on {@code System.nanoTime()}. The output says which.
 * Bounded: every wait has a limit and the run stops by itself.
 */
public final class QueueWaitBenchmark {
    static final String FLOW_ID = "bench-queue";
    private static final String QUEUE = "bench";
    private static final String SKILL = "bench";
    private static final Duration RING_TIMEOUT = Duration.ofSeconds(20);
    /** One announcement period: each caller announces its position once in it (see the class comment). */
    private static final Duration WINDOW = IvrSettings.defaults().announceInterval();
    private static final Duration MAX_SETTLE = Duration.ofSeconds(2);
    private static final Duration RESERVATION_PAUSE = Duration.ofMillis(50);
    private static final Duration DIAL_WAIT_LIMIT = Duration.ofSeconds(5);
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(10);
    private static final Duration RUNG_END_LIMIT = Duration.ofSeconds(30);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(2);
    private static final long ONE_SECOND_NANOS = 1_000_000_000L;

    /** Where the simulated callers run. */
    enum Peers { IN_PROCESS, CHILD_JVM, AUTO }

    /**
     * What a run found.
     *
     * @param waiting          callers that reached the waiting loop (sent a {@code WAIT FOR DIGIT})
     * @param latenciesNanos   reservation to {@code EXEC Dial}, one per reservation whose Dial was seen in time
     * @param reserved         reservations made (an agent went READY and was RESERVED)
     * @param wrongDevice      Dials seen that did not name the reserved agent's device
     * @param sessionsLeftOpen server sessions still open after everyone hung up and the drain limit passed
     * @param failure          why the run stopped early, or null
     * @param text             the printable result
     */
    record Result(int callers, int waiting, int reservations, int reserved, List<Long> latenciesNanos,
                  int wrongDevice, int sessionsLeftOpen, String failure, String text) {
    }

    private record Offer(String device, long at) {
    }

    private record Dialed(String callId, long at, String command) {
    }

    private QueueWaitBenchmark() {
    }

    /** Runs the benchmark (peers in this JVM when the sockets fit, else in a child JVM); returns the printout. */
    public static String run(int callers, int reservations) throws IOException, InterruptedException {
        return run(callers, reservations, Peers.AUTO, WINDOW).text();
    }

    static Result run(int callers, int reservations, Peers placement, Duration window)
            throws IOException, InterruptedException {
        if (callers < 1) {
            throw new IllegalArgumentException("callers must be at least 1");
        }
        if (reservations < 0 || reservations > callers) {
            throw new IllegalArgumentException("reservations must be 0.." + callers);
        }
        boolean bothEndsFit = AgiPeersInChildJvm.bothEndsFit(callers);
        Peers where = placement == Peers.AUTO ? (bothEndsFit ? Peers.IN_PROCESS : Peers.CHILD_JVM) : placement;
        String peersWhere = where == Peers.IN_PROCESS
                ? "in this JVM (latency on System.nanoTime)"
                : "in a child JVM" + (bothEndsFit ? ""
                        : ", " + (2L * callers) + " sockets do not fit under this process's limit of "
                                + AgiPeersInChildJvm.maxFileDescriptors() + " file descriptors")
                        + " (latency on the wall clock, Instant.now() in both JVMs)";
        LongSupplier stamp = where == Peers.IN_PROCESS ? System::nanoTime : AgiHoldingPeers::wallClockNanos;
        Clock clock = Clock.systemUTC();
        Path flowDir = writeFlow();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1,
                Thread.ofPlatform().name("bench-acd-timer-", 0).daemon(true).factory());
        LocalEventBus bus = new LocalEventBus();
        Map<String, Offer> offers = new ConcurrentHashMap<>();
        AtomicInteger queued = new AtomicInteger();
        AtomicInteger abandoned = new AtomicInteger();
        bus.subscribe(CallOffered.class, e -> offers.put(e.callId(), new Offer(e.device(), stamp.getAsLong())));
        bus.subscribe(CallQueued.class, e -> queued.incrementAndGet());
        bus.subscribe(CallAbandoned.class, e -> abandoned.incrementAndGet());
        AsteriskCalls calls = new AsteriskCalls();
        BlockingQueue<Dialed> dials = new LinkedBlockingQueue<>();
        AgiHoldingPeers.DialListener onDial = (callId, at, command) -> dials.add(new Dialed(callId, at, command));
        try (Acd acd = new Acd(List.of(new QueueDefinition(QUEUE, SKILL, 20, RING_TIMEOUT, Duration.ZERO)), bus,
                clock, scheduler, device -> true);
             HotlineAgiServer server = new HotlineAgiServer(new AgiServerConfig("127.0.0.1", 0, Duration.ofMinutes(5))
                             .withMaxConnectionsPerAddress(Integer.MAX_VALUE), // all callers come from 127.0.0.1
                     new IvrEngine(FlowSet.load(flowDir), phone -> Optional.empty(), acd, bus, clock, settings()),
                     calls)) {
            // the AMI side's wake-up of a waiting caller (PlayDTMF Receive on Asterisk) goes to the peers directly
            AtomicReference<AgiPeers> woken = new AtomicReference<>();
            server.wakeUps(new ChannelWakeUps() {
                @Override
                public boolean available() {
                    return woken.get() != null;
                }

                @Override
                public void wake(String switchId, String channel) {
                    AgiPeers p = woken.get();
                    if (p != null) {
                        p.wake(switchId);
                    }
                }
            });
            server.start();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            String script = HotlineAgiServer.HOTLINE_SCRIPT + "?flow=" + FLOW_ID;
            try (AgiPeers peers = AgiPeers.start(address, callers, script, onDial, where == Peers.IN_PROCESS)) {
                woken.set(peers);
                return measure(callers, reservations, peersWhere, window, acd, bus, clock, server, calls, peers, offers,
                        dials, queued, abandoned);
            }
        } finally {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            deleteQuietly(flowDir);
        }
    }

    private static Result measure(int callers, int reservations, String peersWhere, Duration window, Acd acd,
                                  LocalEventBus bus, Clock clock, HotlineAgiServer server, AsteriskCalls calls,
                                  AgiPeers peers, Map<String, Offer> offers, BlockingQueue<Dialed> dials,
                                  AtomicInteger queued, AtomicInteger abandoned) throws InterruptedException {
        long setupStart = System.nanoTime();
        boolean allWaiting = BoundedWait.until(() -> (peers.holding() >= callers && server.activeSessions() >= callers)
                || peers.failure() != null, SETUP_LIMIT);
        double setupSeconds = seconds(System.nanoTime() - setupStart);
        int waiting = Math.min(peers.holding(), server.activeSessions());
        String failure = peers.failure() != null ? peers.failure()
                : allWaiting ? null : "not all callers waiting within " + SETUP_LIMIT;

        // 1. the cost of N callers waiting
        Window cost = null;
        if (failure == null) {
            Thread.sleep(Math.min(MAX_SETTLE.toMillis(), window.toMillis()));
            cost = Window.measure(peers, window);
        }

        // 2. reservations, one at a time, while the others keep waiting
        List<Long> latencies = new ArrayList<>();
        int reserved = 0;
        int wrongDevice = 0;
        int missed = 0;
        int hungUp = 0;
        for (int k = 1; k <= reservations && failure == null; k++) {
            String agent = "bench-agent-" + k;
            String device = "PJSIP/" + agent;
            acd.register(new AgentProfile(agent, "Bench agent " + k, Set.of(SKILL), device));
            acd.login(agent);
            AgentSnapshot ready = acd.ready(agent).orElseThrow();
            if (ready.state() != AgentState.RESERVED || ready.callId() == null) {
                failure = agent + " was not reserved for a waiting call (" + ready.state() + ")";
                break;
            }
            reserved++;
            String callId = ready.callId(); // the platform's id; the peers know the call by its uniqueid
            String uniqueid = calls.switchIdOf(callId);
            Dialed dial = awaitDial(dials, uniqueid);
            Offer offer = offers.get(callId);
            if (dial == null || offer == null) {
                missed++;
            } else {
                latencies.add(dial.at() - offer.at());
                if (!offer.device().equals(device) || !dial.command().contains(device + ",")) {
                    wrongDevice++;
                }
                hungUp++;
            }
            // the caller has gone while the phone rang: without its skill the agent takes no other call when the
            // hang-up sends it back to READY
            acd.register(new AgentProfile(agent, "Bench agent " + k, Set.of(), device));
            bus.publish(new CallHungUp(callId, HangupParty.CALLER, "bench", clock.instant()));
            calls.forget(uniqueid);
            acd.logout(agent);
            Thread.sleep(RESERVATION_PAUSE.toMillis());
        }
        int othersLeft = callers - hungUp;
        boolean rungEnded = BoundedWait.until(() -> server.activeSessions() <= othersLeft, RUNG_END_LIMIT);

        // 3. everyone else hangs up; the AMI side would report each hang-up
        long drainStart = System.nanoTime();
        peers.hangUpAll();
        for (String uniqueid : calls.callIds()) {
            bus.publish(new CallHungUp(calls.platformIdOf(uniqueid), HangupParty.CALLER, "bench", clock.instant()));
            calls.forget(uniqueid);
        }
        boolean drained = BoundedWait.until(() -> server.activeSessions() == 0, DRAIN_LIMIT);
        double drainSeconds = seconds(System.nanoTime() - drainStart);
        int leftOpen = server.activeSessions();

        String text = text(callers, reservations, peersWhere, setupSeconds, waiting, failure, cost, latencies, reserved,
                missed, wrongDevice, rungEnded, hungUp, drained, drainSeconds, leftOpen, queued.get(),
                abandoned.get(), peers);
        return new Result(callers, waiting, reservations, reserved, List.copyOf(latencies), wrongDevice, leftOpen,
                failure, text);
    }

    /** This call's Dial, skipping any other (there should be none); null when it did not come in time. */
    private static Dialed awaitDial(BlockingQueue<Dialed> dials, String callId) throws InterruptedException {
        long end = System.nanoTime() + DIAL_WAIT_LIMIT.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            Dialed dial = dials.poll(left, TimeUnit.NANOSECONDS);
            if (dial == null) {
                return null;
            }
            if (dial.callId().equals(callId)) {
                return dial;
            }
        }
    }

    /** What the node spent while every caller waited, over one window. */
    private record Window(double seconds, boolean wholeAnnouncementPeriod, double nodeCpuPercent,
                          double peersCpuPercent, double commandsPerSecond) {
        static Window measure(AgiPeers peers, Duration window) throws InterruptedException {
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            int cores = Runtime.getRuntime().availableProcessors();
            long process0 = os.getProcessCpuTime();
            long peers0 = peers.cpuTimeNanos();
            AgiPeers.CommandCount commands0 = peers.commands();
            long start = System.nanoTime();
            Thread.sleep(window.toMillis());
            long process1 = os.getProcessCpuTime();
            long peers1 = peers.cpuTimeNanos();
            long elapsed = System.nanoTime() - start;
            AgiPeers.CommandCount commands1 = peers.commands();
            long peersCpu = peers0 < 0 || peers1 < 0 ? 0 : peers1 - peers0;
            long nodeCpu = process1 - process0 - (peers.inThisProcess() ? peersCpu : 0);
            double capacity = (double) elapsed * cores;
            long countedNanos = commands1.atNanos() - commands0.atNanos();
            return new Window(QueueWaitBenchmark.seconds(elapsed),
                    window.compareTo(IvrSettings.defaults().announceInterval()) >= 0, 100.0 * nodeCpu / capacity,
                    peers0 < 0 || peers1 < 0 ? -1 : 100.0 * peersCpu / capacity,
                    countedNanos <= 0 ? 0 : (commands1.received() - commands0.received()) * 1e9 / countedNanos);
        }
    }

    private static String text(int callers, int reservations, String peersWhere, double setupSeconds, int waiting,
                               String failure, Window cost, List<Long> latencies, int reserved, int missed,
                               int wrongDevice, boolean rungEnded, int hungUp, boolean drained, double drainSeconds,
                               int leftOpen, int queued, int abandoned, AgiPeers peers) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Queue wait over FastAGI: %d of %d callers waiting in the IVR's queue"
                        + " loop (WAIT FOR DIGIT up to %d ms, one after the other, woken when an agent is reserved, a"
                        + " look for a reservation between two), all waiting within %.1f s; peers %s;"
                        + " JDK %s, %d CPUs%s",
                waiting, callers, IvrSettings.defaults().wakeableStep().toMillis(), setupSeconds, peersWhere,
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                failure == null ? "" : " (stopped early: " + failure + ")"));
        if (cost != null) {
            out.append(String.format(Locale.ROOT, "%nwhile %d wait (%.1f s window%s): node process CPU %.1f%% of"
                            + " %d cores%s; %,.0f AGI commands/s, %.2f per waiting caller per s (one every %.0f ms)",
                    waiting, cost.seconds(), cost.wholeAnnouncementPeriod() ? ", one position announcement per caller"
                            : "", cost.nodeCpuPercent(), Runtime.getRuntime().availableProcessors(),
                    cost.peersCpuPercent() < 0 ? "" : String.format(Locale.ROOT, " (the peers' %s, %.1f%%, not"
                            + " included)", peers.inThisProcess() ? "thread" : "JVM", cost.peersCpuPercent()),
                    cost.commandsPerSecond(), cost.commandsPerSecond() / waiting,
                    cost.commandsPerSecond() == 0 ? 0 : 1000.0 * waiting / cost.commandsPerSecond()));
        }
        long withinOneSecond = latencies.stream().filter(n -> n < ONE_SECOND_NANOS).count();
        out.append(String.format(Locale.ROOT, "%nagent reserved (CallOffered) -> EXEC Dial at the peer: %s; %d of %d"
                        + " within 1 s; %d reservation(s) of %d made one at a time, %d ms apart, while the others"
                        + " waited%s%s",
                summary(latencies), withinOneSecond, latencies.size(), reserved, reservations,
                RESERVATION_PAUSE.toMillis(),
                missed == 0 ? "" : "; " + missed + " Dial(s) not seen within " + DIAL_WAIT_LIMIT.toMillis() + " ms",
                wrongDevice == 0 ? "" : "; " + wrongDevice + " Dial(s) naming another device"));
        AgiPeers.WakeUps w = peers.wakeUps();
        out.append(String.format(Locale.ROOT, "%nwake-ups (the key queued on a waiting caller's channel): %d taken by"
                + " a wait, %d dropped between two commands (and sent again)", w.taken(), w.dropped()));
        out.append(String.format(Locale.ROOT, "%nended: %d rung caller(s) hung up at the Dial%s; then the other %d"
                        + " hung up and %s; ACD: %d calls queued, %d abandoned",
                hungUp, rungEnded ? " and their sessions ended" : " (some sessions still open "
                        + RUNG_END_LIMIT.toSeconds() + " s later)",
                callers - hungUp, drained ? String.format(Locale.ROOT, "all sessions closed %.1f s later",
                        drainSeconds) : leftOpen + " sessions were still open " + DRAIN_LIMIT.toSeconds() + " s later",
                queued, abandoned));
        return out.toString();
    }

    /** {@code n=300 p50=1.23ms p95=... p99=... max=...} (nearest rank), or {@code n=0}. */
    static String summary(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "n=0";
        }
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return String.format(Locale.ROOT, "n=%d p50=%.2fms p95=%.2fms p99=%.2fms max=%.2fms", sorted.size(),
                millis(percentile(sorted, 50)), millis(percentile(sorted, 95)), millis(percentile(sorted, 99)),
                millis(sorted.getLast()));
    }

    private static long percentile(List<Long> sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** The engine's defaults (the waiting loop's key wait, position every 30 s), with this flow as the default. */
    private static IvrSettings settings() {
        IvrSettings defaults = IvrSettings.defaults();
        return new IvrSettings(defaults.announceInterval(), defaults.pollInterval(), FLOW_ID, defaults.wakeableStep());
    }

    /** A flow whose start node is the queue: what a caller who chose the queue does from then on. */
    private static Path writeFlow() throws IOException {
        Path dir = Files.createTempDirectory("hotline-bench-flow-");
        Files.writeString(dir.resolve(FLOW_ID + ".yaml"), """
                id: %s
                description: Benchmark flow, straight into the queue (no menu, no callback)
                start: wait
                nodes:
                  wait:
                    type: queue
                    queue: %s
                    prompt:
                      name: hotline/please-hold
                      text:
                        en: Please hold, we are connecting you to an agent.
                    positionPrompt:
                      name: hotline/queue-position
                      text:
                        en: Your position in the queue is
                """.formatted(FLOW_ID, QUEUE), StandardCharsets.UTF_8);
        return dir;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
