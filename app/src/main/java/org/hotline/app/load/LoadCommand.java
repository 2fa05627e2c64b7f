package org.hotline.app.load;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hotline load --rate 50 --duration 60}: runs a whole node in this process (embedded MariaDB, IVR, ACD,
 * console server) with simulated callers and simulated agents whose consoles are real WebSocket clients, then prints
 * offered/answered/abandoned, routing and screen-pop latency percentiles, CPU and heap.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load run of the simulator against a full in-process node; prints the figures.")
public final class LoadCommand implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "50", description = "calls per second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", defaultValue = "60", description = "seconds of arrivals (default ${DEFAULT-VALUE})")
    int durationSeconds;

    @Option(names = "--agents", defaultValue = "100", description = "simulated agents (default ${DEFAULT-VALUE})")
    int agents;

    @Option(names = "--talk-ms", defaultValue = "1000", description = "mean talk time, ms (default ${DEFAULT-VALUE})")
    long talkMillis;

    @Option(names = "--patience-ms", defaultValue = "20000",
            description = "mean caller patience in queue, ms (default ${DEFAULT-VALUE})")
    long patienceMillis;

    @Option(names = "--db-url", description = "use this database (jdbc:mariadb://...) instead of an embedded one")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "root")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "")
    String dbPassword;

    @Option(names = "--data-dir", description = "embedded database directory (default: a fresh temporary one)")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        if (rate <= 0 || durationSeconds <= 0 || durationSeconds > 3600 || agents <= 0 || agents > 2000) {
            System.err.println("need 0 < rate, 0 < duration <= 3600 s, 0 < agents <= 2000");
            return 2;
        }
        LoadRun run = new LoadRun(rate, durationSeconds, agents, talkMillis, patienceMillis, dbUrl, dbUser,
                dbPassword, dataDir);
        System.out.println(run.execute());
        return 0;
    }
}
