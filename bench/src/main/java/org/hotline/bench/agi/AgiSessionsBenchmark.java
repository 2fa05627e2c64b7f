package org.hotline.bench.agi;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.agi.AgiServerConfig;
import org.hotline.cti.asterisk.agi.HotlineAgiServer;
import org.hotline.platform.telephony.CallHandler;

/**
 * How many concurrent FastAGI sessions one node holds, and what they cost: starts a {@link HotlineAgiServer} on
 * loopback whose handler answers and then waits in a {@code WAIT FOR DIGIT 10000} loop (a caller on hold), opens
 * N sessions from {@link AgiHoldingPeers}, waits until every session is in its hold loop, reports the sessions held,
 * the heap used after GC and the platform threads, then hangs every caller up and waits for every session to end.
 * Bounded: at most 10 min to set up and 2 min to drain; it stops by itself.
 * <p>
 * Both ends of a session are sockets, so N sessions in one process need 2N file descriptors. When that does not fit
 * under the process limit ({@code ulimit -n}), the peers run in a child JVM (same class path) and this process holds
 * only the server's N sockets; the line printed says which.
 * <p>
 * Run: {@code java -cp <cti-adapter classes + runtime dependencies> org.hotline.bench.agi.AgiSessionsBenchmark 10000}
 */
public final class AgiSessionsBenchmark {
    private static final Duration HOLD_POLL = Duration.ofSeconds(10);
    private static final int MAX_HOLD_POLLS = 360;
    private static final Duration SETUP_LIMIT = Duration.ofMinutes(10);
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(2);

    /** Where the simulated callers run. */
    enum Peers { IN_PROCESS, CHILD_JVM, AUTO }

    private AgiSessionsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        System.out.println(run(sessions));
    }

    /** Runs the benchmark for {@code sessions} concurrent sessions and returns the one-line result. */
    public static String run(int sessions) throws IOException, InterruptedException {
        return run(sessions, Peers.AUTO);
    }

    static String run(int sessions, Peers placement) throws IOException, InterruptedException {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be at least 1");
        }
        Peers peersWhere = placement == Peers.AUTO ? choosePlacement(sessions) : placement;
        CallHandler onHold = channel -> {
            channel.answer();
            for (int i = 0; i < MAX_HOLD_POLLS; i++) {
                channel.waitForDigit(HOLD_POLL);
            }
        };
        try (HotlineAgiServer server = new HotlineAgiServer(
                // every peer connects from 127.0.0.1: no per-address cap here
                new AgiServerConfig("127.0.0.1", 0, Duration.ofMinutes(5))
                        .withMaxConnectionsPerAddress(Integer.MAX_VALUE),
                onHold, new AsteriskCalls())) {
            server.start();
            long baselineHeap = heapUsedAfterGc();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            try (AgiPeers peers = AgiPeers.start(address, sessions, null, null, peersWhere == Peers.IN_PROCESS)) {
                long setupStart = System.nanoTime();
                boolean allHeld = BoundedWait.until(() -> (server.activeSessions() >= sessions && peers.holding() >= sessions)
                        || peers.failure() != null, SETUP_LIMIT);
                double setupSeconds = seconds(System.nanoTime() - setupStart);
                int held = Math.min(server.activeSessions(), peers.holding());
                long heap = heapUsedAfterGc();
                int platformThreads = ManagementFactory.getThreadMXBean().getThreadCount();
                String failure = peers.failure();

                long drainStart = System.nanoTime();
                peers.hangUpAll();
                boolean drained = BoundedWait.until(() -> server.activeSessions() == 0, DRAIN_LIMIT);
                double drainSeconds = seconds(System.nanoTime() - drainStart);

                return String.format(Locale.ROOT,
                        "FastAGI sessions: %d of %d held concurrently%s (peers %s); heap used after GC %.1f MiB"
                                + " (%.1f MiB before the sessions, %.1f KiB per session); %d platform threads,"
                                + " one virtual thread per session; all up in %.1f s; %s; JDK %s, %d CPUs",
                        held, sessions, allHeld && failure == null ? "" : " (stopped early: "
                                + (failure != null ? failure : "not all up within " + SETUP_LIMIT) + ")",
                        peersWhere == Peers.IN_PROCESS ? "in this JVM" : "in a child JVM: " + (2L * sessions)
                                + " sockets do not fit under this process's limit of "
                                + AgiPeersInChildJvm.maxFileDescriptors() + " file descriptors",
                        mib(heap), mib(baselineHeap), held == 0 ? 0.0 : (heap - baselineHeap) / 1024.0 / held,
                        platformThreads, setupSeconds,
                        drained ? String.format(Locale.ROOT, "all ended %.1f s after the callers hung up", drainSeconds)
                                : server.activeSessions() + " sessions still open " + DRAIN_LIMIT
                                        + " after the callers hung up",
                        Runtime.version(), Runtime.getRuntime().availableProcessors());
            }
        }
    }

    private static Peers choosePlacement(int sessions) {
        return AgiPeersInChildJvm.bothEndsFit(sessions) ? Peers.IN_PROCESS : Peers.CHILD_JVM;
    }

    private static long heapUsedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
