package org.hotline.app.bench;

import java.util.concurrent.Callable;
import org.hotline.cti.asterisk.agi.bench.AgiSessionsBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hotline bench agi}: the Asterisk adapter's benchmarks (README, Benchmarks). Bounded; they stop by themselves. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks of the Asterisk adapter.",
        subcommands = {BenchCommand.Agi.class})
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
}
