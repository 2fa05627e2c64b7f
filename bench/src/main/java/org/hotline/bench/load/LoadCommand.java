package org.hotline.bench.load;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hotline.app.cli.ExtraCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hotline load --rate 50 --duration 60}: runs a whole node in this process (embedded MariaDB, IVR, ACD,
 * console server) with simulated callers and simulated agents whose consoles are real WebSocket clients, then prints
 * offered/answered/abandoned, routing and screen-pop latency percentiles, CPU and heap.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load run of the simulator against a full in-process node; prints the figures.")
public final class LoadCommand implements Callable<Integer>, ExtraCommand {
    @Mixin
    TrafficOptions traffic;

    @Option(names = "--duration", defaultValue = "60", description = "seconds of arrivals (default ${DEFAULT-VALUE})")
    int durationSeconds;

    @Option(names = "--db-password", defaultValue = "")
    String dbPassword;

    @Option(names = "--data-dir", description = "embedded database directory (default: a fresh temporary one)")
    Path dataDir;

    @Option(names = "--nodes", defaultValue = "1",
            description = "nodes of one cluster in this process (1..5, default ${DEFAULT-VALUE}); the agents' consoles"
                    + " are spread over them, the callers come in on the node that holds the simulator")
    int nodes;

    @Override
    public Integer call() throws Exception {
        TrafficOptions t = traffic;
        if (t.rate <= 0 || durationSeconds <= 0 || durationSeconds > 3600 || t.agents <= 0 || t.agents > 2000
                || nodes < 1 || nodes > 5) {
            System.err.println("need 0 < rate, 0 < duration <= 3600 s, 0 < agents <= 2000, 1 <= nodes <= 5");
            return 2;
        }
        LoadRun run = new LoadRun(t.rate, durationSeconds, t.agents, t.talkMillis, t.patienceMillis, t.dbUrl, t.dbUser,
                dbPassword, dataDir, nodes);
        System.out.println(run.execute());
        return 0;
    }
}
