package org.hotline.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.hotline.app.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Production start: configuration from a file and the environment; no demo accounts. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start the platform with the given configuration (see README, Configuration).")
public final class StartCommand implements Callable<Integer> {
    @Option(names = "--config", description = "HOCON configuration file (keys under hotline { ... })")
    Path config;

    @Override
    public Integer call() {
        if (config != null && !Files.isReadable(config)) {
            System.err.println("configuration file not readable: " + config);
            return 2;
        }
        return Runner.runUntilStopped(Settings.load(config), Clock.systemUTC(), false);
    }
}
