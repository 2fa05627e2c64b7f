package org.hotline.app;

import java.util.ServiceLoader;
import org.hotline.app.cli.DemoCommand;
import org.hotline.app.cli.ExtraCommand;
import org.hotline.app.cli.StartCommand;
import org.hotline.app.cli.UserAddCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hotline demo | start | user-add}, plus the {@link ExtraCommand}s on the class path ({@code load},
 * {@code soak}, {@code bench} from the bench module): see {@code ./hotline --help}.
 */
@Command(name = "hotline", mixinStandardHelpOptions = true, version = "Hotline 0.1.0",
        description = "Open-source contact-centre platform.",
        subcommands = {DemoCommand.class, StartCommand.class, UserAddCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the production sub-commands and every extra one found on the class path. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        for (ExtraCommand extra : ServiceLoader.load(ExtraCommand.class)) {
            line.addSubcommand(extra);
        }
        return line;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
