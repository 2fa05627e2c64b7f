package org.hotline.bench.callcost;

import com.typesafe.config.ConfigFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hotline.app.HotlinePlatform;
import org.hotline.bench.db.ScratchDatabase;
import org.hotline.app.config.Settings;
import org.hotline.cti.asterisk.ami.AmiLinkState;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.user.Role;

/**
 * {@code hotline bench call-cost}: what one call costs the platform on Asterisk, in CPU, against what the same call
 * costs Asterisk. A whole node on the Asterisk profile ({@link HotlinePlatform}: the real FastAGI server, AMI client,
 * IVR, ACD, consoles' WebSockets, call records in MariaDB) takes calls from {@link CallCostPeers} in a child JVM:
 * Asterisk's FastAGI and AMI sides replaying the shapes of the captures, and the agents' browsers. Each call: the
 * caller presses 2 during the greeting (the repair queue), a free agent's phone rings and is answered, they talk, the
 * agent hangs up. Calls arrive at a fixed rate, in rounds; round 1 is the node's first (its JIT warm-up in it), the
 * others are warm. The node's CPU is its process's ({@code getProcessCpuTime}, all threads, JIT and GC included) from
 * the round's first call until its last call record is written; the peers and the database server are other
 * processes and not in it.
 * <p>
 * The figure it compares with is Asterisk's own (issue 10): a real Asterisk 22 with PJSIP and SIPp callers, the same
 * call (key 2, hold prompt, agent answers, 2 s talk), spent 58 to 68 ms of CPU per call, measured from /proc in the
 * same runs. Half of the callers are known customers (the screen-pop names them).
 */
public final class CallCostBenchmark {
    /** Asterisk's CPU per call of this shape, from issue 10's measurement: 58 to 68 ms. */
    static final double ASTERISK_LOW_MS = 58;
    static final double ASTERISK_HIGH_MS = 68;
    static final double ASTERISK_MS = (ASTERISK_LOW_MS + ASTERISK_HIGH_MS) / 2;
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    private static final Duration IDLE_LIMIT = Duration.ofSeconds(60);
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(5);
    private static final Duration RECORDS_LIMIT = Duration.ofSeconds(30);
    /** A round in which the JIT compiled for this share of the node's CPU or more is a warm-up round. */
    static final double JIT_SHARE_WARMING = 0.10;

    /** What to run. */
    public record Options(int calls, double rate, int rounds, int agents, Duration ring, Duration talk, String dbServer,
                          String dbUser, String dbPassword) {
    }

    /** One round as measured. */
    record Round(int number, int placed, int answered, int ended, int problems, String problem, long records,
                 double seconds, double cpuMsPerCall, double cpuPercent, long jitMs) {
        boolean nothingLost() {
            return problems == 0 && answered == placed && ended == placed && records == placed;
        }

        /** Whether the JIT compiler still took a tenth or more of the round's CPU: the node was warming up. */
        boolean compiling() {
            return jitMs >= JIT_SHARE_WARMING * cpuMsPerCall * placed;
        }
    }

    /** A run's rounds and printout. */
    record Result(List<Round> rounds, String text) {
        /**
         * The index of the first warm round: the first after round 1 in which the JIT compiled for less than a tenth
         * of the node's CPU ({@link Round#compiling}): the compiler has done the bulk of its work (it never quite
         * stops: a later round may still recompile a little); the last round when none is.
         */
        static int firstWarm(List<Round> rounds) {
            for (int i = 1; i < rounds.size(); i++) {
                if (!rounds.get(i).compiling()) {
                    return i;
                }
            }
            return rounds.size() - 1;
        }

        /** The median of the warm rounds' CPU per call (of the only round when there is one). */
        double warmMsPerCall() {
            double[] ms = rounds.subList(firstWarm(rounds), rounds.size()).stream().mapToDouble(Round::cpuMsPerCall)
                    .sorted().toArray();
            return ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        }
    }

    private CallCostBenchmark() {
    }

    public static String run(Options o) throws Exception {
        return measure(o).text();
    }

    static Result measure(Options o) throws Exception {
        try (ScratchDatabase db = ScratchDatabase.create(o.dbServer(), o.dbUser(), o.dbPassword(), "callcost", false)) {
            return measure(o, db.url());
        }
    }

    private static Result measure(Options o, String url) throws Exception {
        String secret = Long.toHexString(new SecureRandom().nextLong()) + "Ami9";
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CallCostPeers.class.getName(), secret,
                Integer.toString(o.agents()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofPlatform().daemon().name("call-cost-peers").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    replies.add(line);
                }
            } catch (IOException e) {
                replies.add("error " + e.getMessage());
            }
            replies.add("exit");
        });
        HotlinePlatform node = null;
        try (Writer toPeers = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            int amiPort = Integer.parseInt(expect(replies, "ami", START_LIMIT)[1]);
            node = HotlinePlatform.start(settings(o, url, amiPort, secret), Clock.systemUTC());
            awaitLink(node);
            String password = Long.toHexString(new SecureRandom().nextLong()) + "Aa1";
            seed(node, o, password);
            tell(toPeers, "platform " + node.asteriskSwitch().agiPort() + " " + node.httpPort() + " " + password + " "
                    + o.agents());
            int ready = Integer.parseInt(expect(replies, "agents", START_LIMIT)[1]);
            if (ready != o.agents()) {
                throw new IllegalStateException(ready + " of " + o.agents() + " agents went READY");
            }
            double idleMsPerSecond = idle();
            List<Round> rounds = new ArrayList<>();
            List<Map<String, Long>> threads = new ArrayList<>(); // before each round, and after the last
            long recordsBefore = 0;
            for (int r = 1; r <= o.rounds(); r++) {
                threads.add(threadCpu());
                rounds.add(round(node, o, r, toPeers, replies, url, recordsBefore));
                recordsBefore += rounds.getLast().records();
            }
            threads.add(threadCpu());
            Map<String, Long> threadsBefore = threads.get(Result.firstWarm(rounds));
            Map<String, Long> threadsAfter = threads.getLast();
            var writes = node.ticketing().callRecorder().writes();
            String recordWrites = String.format(Locale.ROOT, "call records: %,d statements written in %,d"
                    + " transactions (batched)", writes.statements(), writes.transactions());
            return new Result(rounds, text(o, rounds, idleMsPerSecond, threadsBefore, threadsAfter, recordWrites));
        } finally {
            if (node != null) {
                node.close();
            }
            child.destroy();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            reader.join(5_000);
        }
    }

    private static Round round(HotlinePlatform node, Options o, int number, Writer toPeers,
                               BlockingQueue<String> replies, String url, long recordsBefore) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long jit0 = jit.getTotalCompilationTime();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        tell(toPeers, String.format(Locale.ROOT, "round %d %d %s %d %d", number, o.calls(), o.rate(),
                o.ring().toMillis(), o.talk().toMillis()));
        Duration limit = Duration.ofSeconds((long) (o.calls() / o.rate()) + 180);
        String[] r = expect(replies, "round", limit);
        int placed = Integer.parseInt(r[2]);
        node.ticketing().callRecorder().awaitIdle(IDLE_LIMIT);
        long cpu1 = os.getProcessCpuTime();
        long elapsed = System.nanoTime() - t0;
        long jitMs = jit.getTotalCompilationTime() - jit0;
        // counted after the window (the count is the benchmark's, not the platform's work); the last hang-ups the
        // peers sent may still have been on their way through the node's AMI reader
        long records;
        long recordsEnd = System.nanoTime() + RECORDS_LIMIT.toNanos();
        while (true) {
            records = answeredRecords(url, o) - recordsBefore;
            if (records >= placed || System.nanoTime() > recordsEnd) {
                break;
            }
            Thread.sleep(100);
            node.ticketing().callRecorder().awaitIdle(IDLE_LIMIT);
        }
        String problem = r.length > 6 ? String.join(" ", List.of(r).subList(6, r.length)) : "-";
        return new Round(number, placed, Integer.parseInt(r[3]), Integer.parseInt(r[4]), Integer.parseInt(r[5]),
                problem, records, elapsed / 1e9, (cpu1 - cpu0) / 1e6 / Math.max(1, placed),
                100.0 * (cpu1 - cpu0) / elapsed / Runtime.getRuntime().availableProcessors(), jitMs);
    }

    /** The node's CPU with every agent ready and no call, in ms per second, over {@link #IDLE_WINDOW}. */
    private static double idle() throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(IDLE_WINDOW.toMillis());
        return (os.getProcessCpuTime() - cpu0) / 1e6 / ((System.nanoTime() - t0) / 1e9);
    }

    private static Settings settings(Options o, String url, int amiPort, String secret) {
        Map<String, Object> m = new HashMap<>();
        m.put("hotline.profile", "bench");
        m.put("hotline.http.port", 0);
        m.put("hotline.http.host", "127.0.0.1");
        m.put("hotline.http.max-connections-per-address", o.agents() + 64);
        m.put("hotline.auth.password-iterations", Settings.MIN_PASSWORD_ITERATIONS);
        m.put("hotline.db.embedded", false);
        m.put("hotline.db.url", url);
        m.put("hotline.db.user", o.dbUser());
        m.put("hotline.db.password", o.dbPassword());
        m.put("hotline.telephony", "asterisk");
        m.put("hotline.asterisk.agi.bind", "127.0.0.1");
        m.put("hotline.asterisk.agi.port", 0);
        m.put("hotline.asterisk.ami", List.of(Map.of("name", "pbx1", "host", "127.0.0.1", "port", amiPort,
                "username", CallCostPeers.AMI_USER, "secret", secret)));
        // the agents are back for the next call a moment after hanging up, as with an automatic wrap-up
        m.put("hotline.queues", List.of("consultation", "repair", "complaint", "operator").stream()
                .map(q -> Map.<String, Object>of("name", q, "skill", q, "service-level-seconds", 15,
                        "ring-timeout", "20s", "wrap-up", "200ms"))
                .toList());
        return Settings.from(ConfigFactory.parseMap(m));
    }

    private static void awaitLink(HotlinePlatform node) throws InterruptedException {
        long end = System.nanoTime() + START_LIMIT.toNanos();
        while (node.asteriskSwitch().amiLinks().get("pbx1") != AmiLinkState.CONNECTED) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the node's AMI link did not connect within " + START_LIMIT);
            }
            Thread.sleep(50);
        }
    }

    /** The agents' accounts, and a known customer for every odd caller's number (see {@link CallCostPeers}). */
    private static void seed(HotlinePlatform node, Options o, String password) {
        for (int k = 1; k <= o.agents(); k++) {
            node.ticketing().users().create(CallCostPeers.agentName(k), "Agent " + k, password.toCharArray(),
                    Set.of(Role.AGENT), Set.of("repair"));
        }
        long calls = (long) o.calls() * o.rounds();
        for (long n = 1; n <= calls; n += 2) {
            node.ticketing().customers().create("Customer " + n, CustomerClass.ORDINARY,
                    List.of(CallCostPeers.callerNumber(n)));
        }
    }

    private static long answeredRecords(String url, Options o) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, o.dbUser(), o.dbPassword());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM call_records WHERE outcome = 'ANSWERED'"
                     + " AND ended_at IS NOT NULL AND agent IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** CPU of this JVM's live threads, by name with its numbers left out. */
    private static Map<String, Long> threadCpu() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new HashMap<>();
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long ns = mx.getThreadCpuTime(info.getThreadId());
            if (ns > 0) {
                byGroup.merge(info.getThreadName().replaceAll("\\d+", "#"), ns, Long::sum);
            }
        }
        return byGroup;
    }

    private static String text(Options o, List<Round> rounds, double idleMsPerSecond, Map<String, Long> before,
                               Map<String, Long> after, String recordWrites) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Call cost on Asterisk: %d calls per round at %.1f calls/s, %d rounds,"
                        + " %d agents with consoles open; each call: key 2 in the greeting, ring %d ms, answered,"
                        + " talk %d ms, the agent hangs up; the node: FastAGI + AMI (events in the a22 PJSIP capture's"
                        + " shape), IVR, ACD, consoles, call records in MariaDB; Asterisk's sides and the browsers in a"
                        + " child JVM; JDK %s, %d CPUs%n",
                o.calls(), o.rate(), o.rounds(), o.agents(), o.ring().toMillis(), o.talk().toMillis(),
                Runtime.version(), Runtime.getRuntime().availableProcessors()));
        out.append(String.format(Locale.ROOT, "the node idle (agents ready, no call) for %d s: %.1f ms of CPU per s,"
                        + " %.2f ms per call at %.1f calls/s (in the figures below)%n", IDLE_WINDOW.toSeconds(),
                idleMsPerSecond, idleMsPerSecond / o.rate(), o.rate()));
        int firstWarm = Result.firstWarm(rounds);
        for (Round r : rounds) {
            String kind = r.number() == 1 ? "a fresh node" : r.number() - 1 < firstWarm ? "warming up" : "warm";
            out.append(String.format(Locale.ROOT, "round %d (%s): %d calls, %d answered, %d ended, %d call records;"
                            + " %s; node CPU %.2f ms per call (%.1f%% of %d cores over %.1f s), JIT %,d ms%n",
                    r.number(), kind, r.placed(), r.answered(), r.ended(), r.records(),
                    r.nothingLost() ? "nothing lost" : r.problems() + " problem(s), first: " + r.problem(),
                    r.cpuMsPerCall(), r.cpuPercent(), Runtime.getRuntime().availableProcessors(), r.seconds(),
                    r.jitMs()));
        }
        out.append(String.format(Locale.ROOT, "warm: from the first round after round 1 in which the JIT compiled for"
                + " less than %.0f%% of the node's CPU, here round %d%n", 100 * JIT_SHARE_WARMING, firstWarm + 1));
        out.append(recordWrites).append('\n');
        if (before != null && after != null) {
            Map<String, Long> spent = new HashMap<>();
            after.forEach((k, v) -> {
                long d = v - before.getOrDefault(k, 0L);
                if (d > 0) {
                    spent.merge(k, d, Long::sum);
                }
            });
            long total = spent.values().stream().mapToLong(Long::longValue).sum();
            long warmCalls = rounds.subList(firstWarm, rounds.size()).stream().mapToLong(Round::placed).sum();
            out.append("where the warm rounds' CPU went (this JVM's platform threads alive at both ends; a virtual"
                    + " thread's CPU is its carrier's):");
            spent.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .forEach(e -> out.append(String.format(Locale.ROOT, " %s %.2f ms/call (%.0f%%);", e.getKey(),
                            e.getValue() / 1e6 / Math.max(1, warmCalls), 100.0 * e.getValue() / Math.max(1, total))));
            out.append('\n');
        }
        Round first = rounds.getFirst();
        List<Round> warmingUp = rounds.subList(0, firstWarm);
        double warmUpMs = warmingUp.stream().mapToDouble(r -> r.cpuMsPerCall() * r.placed()).sum()
                / Math.max(1, warmingUp.stream().mapToLong(Round::placed).sum());
        out.append(String.format(Locale.ROOT, "Asterisk 22 (PJSIP, SIPp callers, the same call) spent %.0f-%.0f ms of"
                        + " CPU per call (issue 10's measurement); a fresh node's first round: %.0f%% of it; its"
                        + " %,d warm-up calls: %.2f ms each, %.0f%%%n",
                ASTERISK_LOW_MS, ASTERISK_HIGH_MS, 100 * first.cpuMsPerCall() / ASTERISK_MS,
                warmingUp.stream().mapToLong(Round::placed).sum(), warmUpMs, 100 * warmUpMs / ASTERISK_MS));
        double warm = new Result(rounds, "").warmMsPerCall();
        out.append(String.format(Locale.ROOT, "warm node: %.2f ms of CPU per call (%s): %.1f %% of Asterisk's%n",
                warm, rounds.size() > 1 ? "median of the warm rounds" : "one round only, not warm",
                100 * warm / ASTERISK_MS));
        return out.toString();
    }

    private static void tell(Writer w, String line) throws IOException {
        w.write(line + "\n");
        w.flush();
    }

    private static String[] expect(BlockingQueue<String> replies, String word, Duration limit)
            throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            String line = replies.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IllegalStateException("the peers said no '" + word + "' within " + limit);
            }
            if (line.startsWith("error") || line.equals("exit")) {
                throw new IllegalStateException("the peers stopped: " + line);
            }
            String[] parts = line.split(" ");
            if (parts[0].equals(word)) {
                return parts;
            }
        }
    }
}
