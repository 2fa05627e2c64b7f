package org.hotline.bench;

import java.util.concurrent.Callable;
import org.hotline.app.cli.ExtraCommand;
import org.hotline.bench.agi.AgiSessionsBenchmark;
import org.hotline.bench.ami.AmiIngestBenchmark;
import org.hotline.bench.queue.QueueWaitBenchmark;
import org.hotline.bench.routing.RoutingCommand;
import org.hotline.bench.tickets.TicketsBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline bench agi|queue|ami|call-cost|tickets|routing|cluster}: the benchmarks of the README's Benchmarks section. Bounded; they
 * stop by themselves. Joins {@code hotline} as an {@link ExtraCommand} when the bench module is on the class path.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: the Asterisk adapter, a call's CPU against Asterisk's, tickets on MariaDB, one ACD"
                + " routing decision (JMH), the cluster's cost.",
        subcommands = {BenchCommand.Agi.class, BenchCommand.Queue.class, BenchCommand.Ami.class, BenchCommand.CallCost.class,
                BenchCommand.Tickets.class, RoutingCommand.class, BenchCommand.ClusterCost.class})
public final class BenchCommand implements Runnable, ExtraCommand {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The MariaDB or MySQL server a benchmark makes its own database on (hotline_bench_<name>_<millis>). */
    static final class DbServer {
        @Option(names = "--db-server", defaultValue = "jdbc:mariadb://127.0.0.1:3306/",
                description = "the server; the benchmark makes a database of its own on it (default ${DEFAULT-VALUE})")
        String server;

        @Option(names = "--db-user", defaultValue = "root", description = "(default ${DEFAULT-VALUE})")
        String user;

        @Option(names = "--db-password", defaultValue = "", description = "(default: empty)")
        String password;
    }

    /** Concurrent FastAGI sessions one node holds, and the heap they take. */
    @Command(name = "agi", mixinStandardHelpOptions = true,
            description = "Hold N concurrent FastAGI sessions (callers on hold) on loopback; report heap and threads.")
    static final class Agi implements Callable<Integer> {
        @Option(names = "--sessions", defaultValue = "10000", description = "sessions (default ${DEFAULT-VALUE})")
        int sessions;

        @Override
        public Integer call() throws Exception {
            if (sessions < 1 || sessions > 50_000) {
                System.err.println("--sessions must be 1..50000");
                return 2;
            }
            System.out.println(AgiSessionsBenchmark.run(sessions));
            return 0;
        }
    }

    /** N callers waiting in a queue over FastAGI: the node's CPU and AGI commands/s, reservation-to-Dial latency. */
    @Command(name = "queue", mixinStandardHelpOptions = true,
            description = "N callers wait in an ACD queue over FastAGI on loopback, in the IVR's real waiting loop;"
                    + " report the node's CPU and AGI commands/s over 30 s (one position-announcement period), then"
                    + " the latency from an agent's reservation to the EXEC Dial reaching the caller's side, over M"
                    + " reservations made one at a time.")
    static final class Queue implements Callable<Integer> {
        @Option(names = "--callers", defaultValue = "5000", description = "waiting callers (default ${DEFAULT-VALUE})")
        int callers;

        @Option(names = "--reservations", defaultValue = "300",
                description = "agents reserved one at a time, each for one waiting caller (default ${DEFAULT-VALUE})")
        int reservations;

        @Override
        public Integer call() throws Exception {
            if (callers < 1 || callers > 50_000) {
                System.err.println("--callers must be 1..50000");
                return 2;
            }
            if (reservations < 0 || reservations > callers) {
                System.err.println("--reservations must be 0..callers");
                return 2;
            }
            System.out.println(QueueWaitBenchmark.run(callers, reservations));
            return 0;
        }
    }

    /** AMI events per second through the adapter vs a bare Asterisk-Java listener, on the recorded 600-call stream. */
    @Command(name = "ami", mixinStandardHelpOptions = true,
            description = "Replay a recorded AMI stream over loopback to a bare Asterisk-Java listener and to Hotline's "
                    + "AMI gateway; report events/s of both.")
    static final class Ami implements Callable<Integer> {
        @Option(names = "--stream", defaultValue = "cti-adapter/src/test/resources/asterisk/ami-load-600calls.txt.gz",
                description = "the recorded stream (gzip; default ${DEFAULT-VALUE})")
        java.nio.file.Path stream;

        @Override
        public Integer call() throws Exception {
            if (!java.nio.file.Files.isReadable(stream)) {
                System.err.println("stream not readable: " + stream);
                return 2;
            }
            System.out.println(AmiIngestBenchmark.run(stream));
            return 0;
        }
    }

    /** The platform's CPU per call on Asterisk, against Asterisk's own for the same call. */
    @Command(name = "call-cost", mixinStandardHelpOptions = true,
            description = "Calls through a whole node on the Asterisk profile (FastAGI server, AMI client, IVR, ACD,"
                    + " consoles, call records) from peers in a child JVM replaying the captures' shapes; print the"
                    + " node's CPU per call, fresh and warm, and last its ratio to Asterisk's own CPU per call.")
    static final class CallCost implements Callable<Integer> {
        @Option(names = "--calls", defaultValue = "600", description = "calls per round (default ${DEFAULT-VALUE})")
        int calls;

        @Option(names = "--rate", defaultValue = "20", description = "calls per second (default ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--rounds", defaultValue = "5",
                description = "rounds; the first is the fresh node's (default ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--agents", defaultValue = "100", description = "agents (default ${DEFAULT-VALUE})")
        int agents;

        @Option(names = "--ring", defaultValue = "1s", description = "how long a phone rings (default ${DEFAULT-VALUE})")
        String ring;

        @Option(names = "--talk", defaultValue = "2s", description = "conversation length (default ${DEFAULT-VALUE})")
        String talk;

        @picocli.CommandLine.Mixin
        DbServer db;

        @Override
        public Integer call() throws Exception {
            java.time.Duration ringFor;
            java.time.Duration talkFor;
            try {
                ringFor = com.typesafe.config.ConfigFactory.parseString("d=" + ring).getDuration("d");
                talkFor = com.typesafe.config.ConfigFactory.parseString("d=" + talk).getDuration("d");
            } catch (com.typesafe.config.ConfigException e) {
                System.err.println("--ring and --talk take durations such as 1s or 500ms");
                return 2;
            }
            if (calls < 1 || calls > 100_000 || rate <= 0 || rate > 500 || rounds < 1 || rounds > 20 || agents < 1
                    || agents > 5_000 || ringFor.isNegative() || ringFor.toSeconds() > 15 || talkFor.isNegative()
                    || talkFor.toSeconds() > 55) {
                System.err.println("--calls 1..100000, --rate 0..500, --rounds 1..20, --agents 1..5000,"
                        + " --ring up to 15s, --talk up to 55s");
                return 2;
            }
            System.out.print(org.hotline.bench.callcost.CallCostBenchmark.run(
                    new org.hotline.bench.callcost.CallCostBenchmark.Options(calls, rate, rounds, agents, ringFor,
                            talkFor, db.server, db.user, db.password)));
            return 0;
        }
    }

    /** N open tickets with their clocks on MariaDB: worklist and action latency, the clock scheduler's cost. */
    @Command(name = "tickets", mixinStandardHelpOptions = true,
            description = "Seed N open tickets with their SLA clocks and alarms in a database of its own on a MariaDB"
                    + " or MySQL server; report worklist and action latency (p50/p99), the overdue filter and the clock"
                    + " scheduler's cost per minute; drop the database.")
    static final class Tickets implements Callable<Integer> {
        @Option(names = "--tickets", defaultValue = "100000", description = "open tickets (default ${DEFAULT-VALUE})")
        int tickets;

        @Option(names = "--samples", defaultValue = "300", description = "timed calls each (default ${DEFAULT-VALUE})")
        int samples;

        @picocli.CommandLine.Mixin
        DbServer db;

        @Option(names = "--keep", description = "keep the database afterwards")
        boolean keep;

        @Override
        public Integer call() throws Exception {
            if (tickets < 1_000 || tickets > 1_000_000 || samples < 10 || samples > 100_000) {
                System.err.println("--tickets must be 1000..1000000 and --samples 10..100000");
                return 2;
            }
            System.out.print(TicketsBenchmark.run(new TicketsBenchmark.Options(db.server, db.user, db.password, tickets,
                    samples, keep)));
            return 0;
        }
    }

    /** The cluster's cost per routed call against one node's, reservation time across nodes, take-over times. */
    @Command(name = "cluster", mixinStandardHelpOptions = true,
            description = "The same calls through one node's ACD and through three nodes' (three Hazelcast members in"
                    + " this JVM on loopback): CPU per routed call and the ratio (goal <= 1.5x), enqueue-to-reservation"
                    + " time on a node that does not own the ACD, and the take-over after its member is killed.")
    static final class ClusterCost implements Callable<Integer> {
        @Option(names = "--calls", defaultValue = "2000", description = "calls per run (default ${DEFAULT-VALUE})")
        int calls;

        @Option(names = "--agents", defaultValue = "20", description = "agents (default ${DEFAULT-VALUE})")
        int agents;

        @Override
        public Integer call() throws Exception {
            if (calls < 100 || calls > 100_000 || agents < 1 || agents > 1_000) {
                System.err.println("--calls must be 100..100000 and --agents 1..1000");
                return 2;
            }
            System.out.print(org.hotline.bench.cluster.ClusterCostBenchmark.run(calls, agents));
            return 0;
        }
    }
}
