package org.hotline.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hotline.app.db.EmbeddedDatabase;
import org.hotline.app.lifecycle.ChildNode;
import org.hotline.app.lifecycle.JournalTally;
import org.hotline.app.soak.CallJournal;

/**
 * One bounded soak run (see {@link SoakCommand}). The node runs as {@code Main demo} in a child JVM, so that it can be
 * stopped the way a service manager or an operator stops it: SIGTERM, or SIGKILL. Its call journal
 * ({@link CallJournal}) is the list of calls placed; the database, read after the last node stopped, says which of
 * them have a complete record. Every wait here has a bound; the whole run ends by itself.
 */
final class SoakRun {
    private static final Duration START_MAX = Duration.ofMinutes(5);
    private static final Duration STOP_MAX = Duration.ofMinutes(3);

    /** What to run. */
    record Plan(double rate, int durationSeconds, int restartAt, boolean kill, int agents, long talkMillis,
                long patienceMillis, String dbUrl, String dbUser, String dbPassword) {
        boolean embedded() {
            return dbUrl == null || dbUrl.isBlank();
        }
    }

    /** What happened to one node. */
    record NodeRun(int number, double upSeconds, String stop, double stopSeconds, boolean leftoverStopped,
                   boolean writesLost) {
    }

    /** The figures. */
    record Result(Plan plan, Path workDir, List<NodeRun> nodes, double downSeconds, JournalTally tally) {
        long lost() {
            return tally.lost().size();
        }

        String report() {
            StringBuilder b = new StringBuilder();
            b.append(String.format("Hotline soak run: rate %.1f calls/s for %d s, %s, %d simulated agents (mean talk "
                            + "%d ms), mean patience %d ms, database %s%n", plan.rate(), plan.durationSeconds(),
                    plan.restartAt() == 0 ? "no restart"
                            : "restart at " + plan.restartAt() + " s by " + (plan.kill() ? "SIGKILL" : "SIGTERM"),
                    plan.agents(), plan.talkMillis(), plan.patienceMillis(),
                    plan.embedded() ? "embedded MariaDB (child JVM's own server)" : plan.dbUrl()));
            for (NodeRun n : nodes) {
                b.append(String.format("node %d: up in %.1f s%s; %s%s%s%n", n.number(), n.upSeconds(),
                        n.leftoverStopped() ? " (stopped a MariaDB server left running by the killed node)" : "",
                        n.stop(), n.stopSeconds() >= 0 ? String.format(" in %.1f s", n.stopSeconds()) : "",
                        n.writesLost() ? "; it LOGGED LOST CALL-RECORD WRITES" : ""));
            }
            if (nodes.size() > 1) {
                b.append(String.format("no node taking calls for %.1f s (from the stop signal to the next node's "
                        + "health check)%n", downSeconds));
            }
            Map<String, Integer> causes = new TreeMap<>();
            for (String id : tally.repaired()) {
                causes.merge(String.valueOf(tally.records().get(id).hangupCause()), 1, Integer::sum);
            }
            b.append(String.format("calls placed %d, ended in a node %d; records complete %d, of which repaired at "
                            + "start %d%s; open %d, missing %d; lost %d%n", tally.arrived().size(),
                    tally.ended().size(), tally.complete().size(), tally.repaired().size(),
                    causes.isEmpty() ? "" : " " + causes, tally.open().size(), tally.missing().size(), lost()));
            if (!tally.arrivedTwice().isEmpty()) {
                b.append(String.format("call ids given to more than one call: %d (their records cannot be told "
                        + "apart)%n", tally.arrivedTwice().size()));
            }
            if (lost() > 0) {
                b.append("lost (first 20): ").append(tally.lost().subList(0, (int) Math.min(20, lost())))
                        .append(System.lineSeparator());
            }
            return b.toString().stripTrailing();
        }
    }

    private final Plan plan;
    private final Path workDir;

    SoakRun(Plan plan, Path workDir) {
        this.plan = plan;
        this.workDir = workDir.toAbsolutePath().normalize();
    }

    Result execute() throws Exception {
        Files.createDirectories(workDir);
        Path journal = workDir.resolve("journal");
        Files.deleteIfExists(journal);
        List<NodeRun> nodes = new ArrayList<>();
        double down = 0;

        long t0;
        ChildNode node = startNode(1);
        long started = System.nanoTime();
        try {
            node.awaitHealthy(START_MAX);
            double up = seconds(System.nanoTime() - started);
            t0 = System.nanoTime();
            progress("node 1 up in %.1f s; traffic for %d s", up, plan.durationSeconds());
            if (plan.restartAt() > 0) {
                sleepUntil(t0 + Duration.ofSeconds(plan.restartAt()).toNanos());
                long signal = System.nanoTime();
                NodeRun first = stop(node, 1, up, plan.kill());
                nodes.add(first);
                progress("node 1 %s", first.stop());
                node = startNode(2);
                long s2 = System.nanoTime();
                node.awaitHealthy(START_MAX);
                down = seconds(System.nanoTime() - signal);
                up = seconds(System.nanoTime() - s2);
                progress("node 2 up in %.1f s", up);
            }
            sleepUntil(t0 + Duration.ofSeconds(plan.durationSeconds()).toNanos());
            nodes.add(stop(node, nodes.size() + 1, up, false));
        } finally {
            node.close();
        }
        JournalTally tally = JournalTally.read(journal);
        progress("reading the call records of %d calls", tally.arrived().size());
        if (plan.embedded()) {
            try (EmbeddedDatabase db = EmbeddedDatabase.start(workDir.resolve("db"));
                 Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                tally = tally.withRecords(c);
            }
        } else {
            try (Connection c = DriverManager.getConnection(plan.dbUrl(), plan.dbUser(), plan.dbPassword())) {
                tally = tally.withRecords(c);
            }
        }
        return new Result(plan, workDir, nodes, down, tally);
    }

    private ChildNode startNode(int number) throws IOException {
        int port = ChildNode.freePort();
        Map<String, String> props = new HashMap<>();
        props.put("hotline.http.host", "127.0.0.1");
        props.put("hotline.simulation.timing", "instant");
        props.put("hotline.simulation.mean-talk-time", plan.talkMillis() + "ms");
        props.put("hotline.simulation.mean-patience", plan.patienceMillis() + "ms");
        props.put("hotline.simulation.agent-ring-delay", "100ms");
        props.put("hotline.simulation.agent-wrap-up", "200ms");
        props.put(CallJournal.PROPERTY, workDir.resolve("journal").toString());
        Map<String, String> env = new HashMap<>();
        if (!plan.embedded()) {
            props.put("hotline.db.embedded", "false");
            props.put("hotline.db.url", plan.dbUrl());
            props.put("hotline.db.user", plan.dbUser());
            env.put("HOTLINE_DB_PASSWORD", plan.dbPassword()); // not on the command line, where ps shows it
        }
        return ChildNode.start(List.of("demo", "--port", String.valueOf(port), "--rate", String.valueOf(plan.rate()),
                        "--sim-agents", String.valueOf(plan.agents()), "--data-dir", workDir.resolve("db").toString()),
                props, env, port, workDir.resolve("node-" + number + ".out"));
    }

    private NodeRun stop(ChildNode node, int number, double up, boolean kill) {
        long t = System.nanoTime();
        String how;
        if (kill) {
            node.kill();
            how = "killed (SIGKILL)";
        } else {
            int exit = node.terminate(STOP_MAX);
            how = "stopped by SIGTERM (exit " + exit + ")";
        }
        double took = seconds(System.nanoTime() - t);
        String out = node.outputText();
        return new NodeRun(number, up, how, kill ? -1 : took, out.contains("left running by an earlier Hotline"),
                out.contains("writes still pending") || out.contains("not recorded"));
    }

    void deleteWorkDir() throws IOException {
        try (var paths = Files.walk(workDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void progress(String format, Object... args) {
        System.err.println("soak: " + String.format(format, args));
    }
}
