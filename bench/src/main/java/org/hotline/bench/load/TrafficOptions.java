package org.hotline.bench.load;

import picocli.CommandLine.Option;

/**
 * The simulated traffic and database options that {@code load} and {@code soak} share (a picocli mixin), so that both
 * commands take the same names, defaults and help text.
 */
public final class TrafficOptions {
    @Option(names = "--rate", defaultValue = "50", description = "calls per second (default ${DEFAULT-VALUE})")
    public double rate;

    @Option(names = "--agents", defaultValue = "100", description = "simulated agents (default ${DEFAULT-VALUE})")
    public int agents;

    @Option(names = "--talk-ms", defaultValue = "1000", description = "mean talk time, ms (default ${DEFAULT-VALUE})")
    public long talkMillis;

    @Option(names = "--patience-ms", defaultValue = "20000",
            description = "mean caller patience in queue, ms (default ${DEFAULT-VALUE})")
    public long patienceMillis;

    @Option(names = "--db-url", description = "use this database (jdbc:mariadb://...) instead of an embedded one")
    public String dbUrl;

    @Option(names = "--db-user", defaultValue = "root")
    public String dbUser;
}
