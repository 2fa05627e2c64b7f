package org.hotline.app;

import org.hotline.app.bench.BenchCommand;
import org.hotline.app.cli.DemoCommand;
import org.hotline.app.cli.StartCommand;
import org.hotline.app.cli.UserAddCommand;
import org.hotline.app.load.LoadCommand;
import org.hotline.app.soak.SoakCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hotline demo | start | load | soak | user-add | bench}: see {@code ./hotline --help}. */
@Command(name = "hotline", mixinStandardHelpOptions = true, version = "Hotline 0.1.0",
        description = "Open-source contact-centre platform.",
        subcommands = {DemoCommand.class, StartCommand.class, LoadCommand.class, UserAddCommand.class,
                BenchCommand.class, SoakCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
