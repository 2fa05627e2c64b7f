package org.hotline.app.cli;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.hotline.app.HotlinePlatform;
import org.hotline.app.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a node, prints where it is, and keeps it running until the process is stopped (Ctrl-C / SIGTERM). */
final class Runner {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

    private Runner() {
    }

    static int runUntilStopped(Settings settings, Clock clock, boolean printDemoAccounts) {
        HotlinePlatform platform;
        try {
            platform = HotlinePlatform.start(settings, clock);
        } catch (RuntimeException e) {
            LOG.error("Hotline did not start: {}", e.getMessage(), e);
            System.err.println("Hotline did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // the only shutdown hook that stops anything: the embedded database runs in its own session and is closed by
        // platform.close() last, after the call recorder has drained
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping Hotline: no more calls taken, live calls ended, call records written, then the database");
            platform.close();
            stopped.countDown();
        }, "hotline-shutdown"));
        String host = "0.0.0.0".equals(settings.http().host()) ? "localhost" : settings.http().host();
        System.out.println();
        System.out.println("  Hotline is running: http://" + host + ":" + platform.httpPort() + "/");
        if (printDemoAccounts) {
            System.out.println("  Demo accounts (password: demo): admin, supervisor, agent1 ... agent5");
            System.out.println("  Back office (password: demo): engineer, coordinator, complaint_handler,"
                    + " complaint_manager, department_manager, centre_head");
            System.out.println("  Simulated callers: " + settings.simulation().callsPerSecond() + " calls/s, simulated agents: "
                    + settings.simulation().agents());
        }
        System.out.println("  Stop with Ctrl-C.");
        System.out.println();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Starts the nodes one after the other (each made from the first: the others use its embedded database), prints
     * each console's address, and keeps them running until the process is stopped; they stop in the reverse order,
     * the first (with the database) last.
     */
    static int runClusterUntilStopped(java.util.List<java.util.function.Function<HotlinePlatform, Settings>> nodes,
                                      Clock clock) {
        java.util.List<HotlinePlatform> started = new java.util.ArrayList<>();
        try {
            for (java.util.function.Function<HotlinePlatform, Settings> node : nodes) {
                started.add(HotlinePlatform.start(node.apply(started.isEmpty() ? null : started.getFirst()), clock));
            }
        } catch (RuntimeException e) {
            LOG.error("Hotline did not start: {}", e.getMessage(), e);
            System.err.println("Hotline did not start: " + e.getMessage());
            java.util.Collections.reverse(started);
            started.forEach(HotlinePlatform::close);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping the {} Hotline nodes, the one with the database last", started.size());
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
            stopped.countDown();
        }, "hotline-shutdown"));
        System.out.println();
        System.out.println("  Hotline is running as a cluster of " + started.size() + " nodes on this machine:");
        for (HotlinePlatform p : started) {
            System.out.println("    " + p.settings().cluster().nodeName() + "  http://localhost:" + p.httpPort() + "/"
                    + (p.holdsSwitchLink() ? "   (holds the simulator: the callers come in here)" : ""));
        }
        System.out.println("  Log in on one node, take calls, watch the wallboard on another; stop any node but the"
                + " first and the others go on.");
        System.out.println("  Demo accounts (password: demo): admin, supervisor, agent1 ... agent5");
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
