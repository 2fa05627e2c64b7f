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

    @Option(names = "--profile", description = "asterisk: take calls from Asterisk (FastAGI + AMI) instead of "
            + "the simulator; default: as configured (hotline.telephony)")
    String profile;

    @Override
    public Integer call() {
        if (config != null && !Files.isReadable(config)) {
            System.err.println("configuration file not readable: " + config);
            return 2;
        }
        if (profile != null && !profile.equals("asterisk") && !profile.equals("production")) {
            System.err.println("unknown profile: " + profile + " (asterisk or production)");
            return 2;
        }
        java.util.Map<String, Object> overrides = "asterisk".equals(profile)
                ? java.util.Map.of("hotline.profile", "asterisk", "hotline.telephony", "asterisk")
                : java.util.Map.of();
        try {
            return Runner.runUntilStopped(Settings.load(config, overrides), Clock.systemUTC(), false);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }
}
