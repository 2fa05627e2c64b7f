package org.hotline.bench.routing;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline bench routing}: runs {@link RoutingDecisionBenchmark} through JMH's runner (a forked JVM, as JMH
 * wants) and ends with one line per decision: p50, p99, p99.9 and max in microseconds, against the goal of p99 at most
 * 100 µs. Bounded by its iteration counts.
 */
@Command(name = "routing", mixinStandardHelpOptions = true,
        description = "JMH: one ACD routing decision with 1,000 agents and 10,000 waiting calls (sample time: p50,"
                + " p99); goal p99 <= 100 us.")
public final class RoutingCommand implements Callable<Integer> {
    @Option(names = "--warmup", defaultValue = "3", description = "warm-up iterations (default ${DEFAULT-VALUE})")
    int warmups;

    @Option(names = "--iterations", defaultValue = "5",
            description = "measured iterations (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--seconds", defaultValue = "2",
            description = "seconds per iteration (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--forks", defaultValue = "1", description = "forked JVMs (default ${DEFAULT-VALUE})")
    int forks;

    @Override
    public Integer call() throws Exception {
        if (warmups < 0 || warmups > 50 || iterations < 1 || iterations > 100 || seconds < 1 || seconds > 60
                || forks < 1 || forks > 5) {
            System.err.println("need 0 <= warmup <= 50, 1 <= iterations <= 100, 1 <= seconds <= 60, 1 <= forks <= 5");
            return 2;
        }
        Options options = new OptionsBuilder()
                .include(RoutingDecisionBenchmark.class.getName() + "\\.")
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
                .forks(forks)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.println("Routing decision, 1,000 agents and 10,000 waiting calls (JMH sample time, 1 thread; "
                + Runtime.getRuntime().availableProcessors() + " CPUs, JDK " + Runtime.version() + String.format(
                Locale.ROOT, ", load average %.1f at the end", ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()) + "):");
        for (RunResult r : results) {
            System.out.println(line(r));
        }
        return 0;
    }

    static String line(RunResult r) {
        String name = r.getParams().getBenchmark();
        Statistics s = r.getPrimaryResult().getStatistics();
        return String.format(Locale.ROOT, "  %-45s n=%d p50=%.1f µs p99=%.1f µs p99.9=%.1f µs max=%.1f µs",
                name.substring(name.lastIndexOf('.') + 1), s.getN(), s.getPercentile(50), s.getPercentile(99),
                s.getPercentile(99.9), s.getMax());
    }
}
