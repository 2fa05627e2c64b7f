package org.hotline.app.cli;

import java.io.Console;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.hotline.app.config.Settings;
import org.hotline.platform.user.Role;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.db.Database;
import org.hotline.ticketing.db.DatabaseConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Creates a user in the configured (external) database. Outside the demo there are no default passwords: this is
 * how the first administrator is made. The password comes from standard input ({@code --password-stdin}), from
 * HOTLINE_NEW_PASSWORD, or is asked for on the terminal; it is never a command-line argument (visible in ps).
 */
@Command(name = "user-add", mixinStandardHelpOptions = true, description = "Create a user (e.g. the first admin).")
public final class UserAddCommand implements Callable<Integer> {
    @Option(names = "--config", description = "HOCON configuration file")
    Path config;

    @Option(names = "--username", required = true)
    String username;

    @Option(names = "--name", description = "display name (default: the username)")
    String displayName;

    @Option(names = "--roles", split = ",", defaultValue = "AGENT",
            description = "comma list of ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    Set<Role> roles;

    @Option(names = "--skills", split = ",", defaultValue = "", description = "queue skills, e.g. repair,complaint")
    Set<String> skills;

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    boolean passwordStdin;

    @Override
    public Integer call() {
        Settings s = Settings.load(config);
        if (s.db().embedded()) {
            System.err.println("user-add works on an external database (hotline.db.embedded = false); "
                    + "the demo has its accounts already");
            return 2;
        }
        char[] password = passwordStdin ? readStdinLine() : readPassword();
        if (password == null) {
            System.err.println("no password: use --password-stdin, set HOTLINE_NEW_PASSWORD or run in a terminal");
            return 2;
        }
        try (Database db = Database.open(new DatabaseConfig(s.db().url(), s.db().user(), s.db().password(), 2))) {
            Ticketing t = new Ticketing(db, Clock.systemUTC(), s.auth().passwordIterations(), s.auth().lockout());
            Set<String> cleanSkills = skills.stream().filter(x -> !x.isBlank()).collect(Collectors.toSet());
            t.users().create(username, displayName == null ? username : displayName, password, roles, cleanSkills);
            System.out.println("created user " + username + " with roles " + roles);
            return 0;
        } catch (RuntimeException e) {
            System.err.println("could not create user: " + e.getMessage());
            return 1;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] readStdinLine() {
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            return line == null || line.isEmpty() ? null : line.toCharArray();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static char[] readPassword() {
        String env = System.getenv("HOTLINE_NEW_PASSWORD");
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        Console console = System.console();
        return console == null ? null : console.readPassword("password for the new user: ");
    }
}
