package org.hotline.app.bench;

import java.util.concurrent.Callable;
import org.hotline.cti.asterisk.agi.bench.AgiSessionsBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hotline bench agi|ami}: the Asterisk adapter's benchmarks (README, Benchmarks). Bounded; they stop by themselves. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks of the Asterisk adapter.",
        subcommands = {BenchCommand.Agi.class, BenchCommand.Ami.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
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
            System.out.println(org.hotline.cti.asterisk.ami.bench.AmiIngestBenchmark.run(stream));
            return 0;
        }
    }
}
