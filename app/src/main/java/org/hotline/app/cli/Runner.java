package org.hotline.app.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hotline.app.HotlinePlatform;
import org.hotline.app.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a node (or the nodes of a cluster on this machine), prints where they are, and keeps them running until the
 * process is stopped (Ctrl-C / SIGTERM).
 */
final class Runner {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);
    private static final String DEMO_ACCOUNTS = "  Demo accounts (password: demo): admin, supervisor, agent1 ... agent5";

    private Runner() {
    }

    static int runUntilStopped(Settings settings, Clock clock, boolean printDemoAccounts) {
        return run(List.of(first -> settings), clock, started -> {
            String host = "0.0.0.0".equals(settings.http().host()) ? "localhost" : settings.http().host();
            System.out.println("  Hotline is running: http://" + host + ":" + started.getFirst().httpPort() + "/");
            if (printDemoAccounts) {
                System.out.println(DEMO_ACCOUNTS);
                System.out.println("  Back office (password: demo): engineer, coordinator, complaint_handler,"
                        + " complaint_manager, department_manager, centre_head");
                System.out.println("  Simulated callers: " + settings.simulation().callsPerSecond()
                        + " calls/s, simulated agents: " + settings.simulation().agents());
            }
        });
    }

    /**
     * Starts the nodes one after the other (each made from the first: the others use its embedded database), prints
     * each console's address, and keeps them running until the process is stopped.
     */
    static int runClusterUntilStopped(List<Function<HotlinePlatform, Settings>> nodes, Clock clock) {
        return run(nodes, clock, started -> {
            System.out.println("  Hotline is running as a cluster of " + started.size() + " nodes on this machine:");
            for (HotlinePlatform p : started) {
                System.out.println("    " + p.settings().cluster().nodeName() + "  http://localhost:" + p.httpPort()
                        + "/" + (p.holdsSwitchLink() ? "   (holds the simulator: the callers come in here)" : ""));
            }
            System.out.println("  Log in on one node, take calls, watch the wallboard on another; stop any node but"
                    + " the first and the others go on.");
            System.out.println(DEMO_ACCOUNTS);
        });
    }

    /**
     * Starts each node from the first one started (null for the first itself), prints {@code banner}, waits until
     * the process is stopped, then stops them in the reverse order: the first, with the embedded database, last.
     */
    private static int run(List<Function<HotlinePlatform, Settings>> nodes, Clock clock,
                           Consumer<List<HotlinePlatform>> banner) {
        List<HotlinePlatform> started = new ArrayList<>();
        try {
            for (Function<HotlinePlatform, Settings> node : nodes) {
                started.add(HotlinePlatform.start(node.apply(started.isEmpty() ? null : started.getFirst()), clock));
            }
        } catch (RuntimeException e) {
            LOG.error("Hotline did not start: {}", e.getMessage(), e);
            System.err.println("Hotline did not start: " + e.getMessage());
            Collections.reverse(started);
            started.forEach(HotlinePlatform::close);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // the only shutdown hook that stops anything: the embedded database runs in its own session and is closed by
        // the first node's close() last, after the call recorder has drained
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping Hotline: no more calls taken, live calls ended, call records written, then the database");
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            stopped.countDown();
        }, "hotline-shutdown"));
        System.out.println();
        banner.accept(started);
        System.out.println("  Stop with Ctrl-C.");
        System.out.println();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
