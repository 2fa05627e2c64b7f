package org.hotline.bench.soak;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.hotline.app.cli.ExtraCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import org.hotline.bench.load.TrafficOptions;
import picocli.CommandLine.Option;

/**
 * {@code hotline soak --rate 50 --duration 600 --restart-at 300 [--kill]}: a node in a child JVM under simulated
 * traffic, stopped in the middle (SIGTERM, or SIGKILL with {@code --kill}) and started again on the same database;
 * every call a node took is journalled, and at the end the journal is counted against the call records: placed,
 * complete, repaired at start, lost. See {@link SoakRun}.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Soak run: a node in a child JVM under simulated traffic, restarted (or killed) in the middle; "
                + "counts every call placed against its call record.")
public final class SoakCommand implements Callable<Integer>, ExtraCommand {
    @Mixin
    TrafficOptions traffic;

    @Option(names = "--duration", defaultValue = "600", description = "seconds of traffic (default ${DEFAULT-VALUE})")
    int durationSeconds;

    @Option(names = "--restart-at", defaultValue = "0",
            description = "second at which the node is stopped and started again (default ${DEFAULT-VALUE}: never)")
    int restartAt;

    @Option(names = "--kill", description = "stop the node with SIGKILL (kill -9) instead of SIGTERM at the restart")
    boolean kill;

    @Option(names = "--db-password", defaultValue = "${env:HOTLINE_DB_PASSWORD:-}",
            description = "(default: HOTLINE_DB_PASSWORD)")
    String dbPassword;

    @Option(names = "--work-dir", description = "journal, node output and embedded database "
            + "(default ~/.hotline/soak/<date-time>)")
    Path workDir;

    @Option(names = "--keep", description = "keep the work directory (default: deleted after a run without loss)")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        TrafficOptions t = traffic;
        if (t.rate <= 0 || t.rate > 500 || durationSeconds <= 0 || durationSeconds > 7200 || t.agents <= 0
                || t.agents > 2000 || restartAt < 0 || restartAt >= durationSeconds || (kill && restartAt == 0)) {
            System.err.println("need 0 < rate <= 500, 0 < duration <= 7200 s, 0 < agents <= 2000, "
                    + "0 <= restart-at < duration (and --kill only with --restart-at)");
            return 2;
        }
        Path dir = workDir != null ? workDir : Path.of(System.getProperty("user.home"), ".hotline", "soak",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        SoakRun run = new SoakRun(new SoakRun.Plan(t.rate, durationSeconds, restartAt, kill, t.agents, t.talkMillis,
                t.patienceMillis, t.dbUrl, t.dbUser, dbPassword), dir);
        SoakRun.Result result = run.execute();
        System.out.println(result.report());
        if (!keep && result.lost() == 0) {
            run.deleteWorkDir();
        } else {
            System.out.println("work directory kept: " + dir);
        }
        return result.lost() == 0 ? 0 : 1;
    }
}
