package org.hotline.app.lifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Hotline node ({@code org.hotline.app.Main demo|start ...}) in a child JVM with this JVM's class path: what the soak
 * command restarts or kills, and what crash tests stop with SIGTERM or SIGKILL (a real signal to a real process, the
 * way a service manager or {@code kill -9} does it). Its output goes to a file. Ends the child if it is still alive
 * when closed.
 */
public final class ChildNode implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final Process process;
    private final int httpPort;
    private final Path output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChildNode(Process process, int httpPort, Path output) {
        this.process = process;
        this.httpPort = httpPort;
        this.output = output;
    }

    /**
     * Starts {@code Main} with {@code args} (e.g. {@code demo --port 18080 --data-dir DIR}) and the given system
     * properties ({@code -Dkey=value}, which override every configuration key).
     *
     * @param httpPort the port the node's console will listen on (the one passed in {@code args})
     * @param output   file that receives the child's stdout and stderr (appended)
     */
    public static ChildNode start(List<String> args, Map<String, String> systemProperties, int httpPort, Path output)
            throws IOException {
        return start(args, systemProperties, Map.of(), httpPort, output);
    }

    /** Like {@link #start(List, Map, int, Path)}, with {@code environment} added to this process's (for secrets). */
    public static ChildNode start(List<String> args, Map<String, String> systemProperties,
                                  Map<String, String> environment, int httpPort, Path output) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g"));
        if (Runtime.version().feature() >= 24) {
            cmd.add("--sun-misc-unsafe-memory-access=allow"); // Netty, quietly
        }
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.hotline.app.Main"));
        cmd.addAll(args);
        Files.createDirectories(output.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(environment);
        Process p = pb.start();
        return new ChildNode(p, httpPort, output);
    }

    /**
     * Waits until {@code GET /api/health} answers 200.
     *
     * @throws IllegalStateException when the child exits first or {@code max} passes; with its last output lines
     */
    public void awaitHealthy(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node exited (" + process.exitValue() + ") before it was up: "
                        + tail(20));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the node", e);
            }
            sleep(POLL);
        }
        throw new IllegalStateException("node not healthy within " + max + ": " + tail(20));
    }

    /**
     * Sends SIGTERM (an orderly stop, as a service manager does) and waits for the exit; SIGKILL if it takes longer
     * than {@code max}.
     *
     * @return the exit code (143 after SIGTERM on the JVM)
     */
    public int terminate(Duration max) {
        process.destroy();
        if (!waitFor(max)) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
            throw new IllegalStateException("node did not stop within " + max + " of SIGTERM and was killed: "
                    + tail(20));
        }
        return process.exitValue();
    }

    /** Sends SIGKILL ({@code kill -9}: no shutdown hook runs) and waits for the exit. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    private boolean waitFor(Duration max) {
        try {
            return process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int httpPort() {
        return httpPort;
    }

    public Path output() {
        return output;
    }

    /** Everything the child printed so far. */
    public String outputText() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The child's last {@code n} output lines, joined with " | ". */
    public String tail(int n) {
        List<String> lines = outputText().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    /**
     * A TCP port on 127.0.0.1 that nothing listens on now, below Linux's ephemeral range (32768-60999): a port the
     * test only binds later (a cluster member's) must not be one the process's own outgoing connections can take
     * meanwhile - a port from {@code new ServerSocket(0)} is in that range, and a node starting first (its database
     * and HTTP connections, its joins to the other members) once took a member's port before that member bound it.
     */
    public static int freePort() throws IOException {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            try (var s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IOException("no free port on 127.0.0.1 between 20000 and 32000");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
