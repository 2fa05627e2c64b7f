package org.hotline.bench.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link AgiHoldingPeers} run in a child JVM (this JVM's {@code java} and class path), for benchmarks whose two ends
 * would not fit in one process: N sessions need 2N sockets in one process, N in each here. Follows the child's reports
 * on its standard output (sessions connected, holding and ended, commands received, each {@code EXEC Dial} with its
 * wall-clock arrival time) and hangs every caller up by closing the child's standard input.
 * <p>
 * The {@code arrivedAt} stamps given to the {@link AgiHoldingPeers.DialListener} are the child's wall clock in ns since
 * the epoch ({@link AgiHoldingPeers#wallClockNanos()}), comparable with the same clock read in this process.
 */
public final class AgiPeersInChildJvm implements AgiPeers {
    private static final Duration EXIT_GRACE = Duration.ofSeconds(30);
    /** File descriptors kept free for everything else the process opens (jars, logs, the server socket). */
    private static final int FD_MARGIN = 200;

    private final Process process;
    private final AgiHoldingPeers.DialListener onDial;
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger holding = new AtomicInteger();
    private final AtomicInteger endedByServer = new AtomicInteger();
    private final AtomicReference<CommandCount> commands = new AtomicReference<>(new CommandCount(0, 0));
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicReference<WakeUps> wakeUps = new AtomicReference<>(new WakeUps(0, 0));
    private java.io.Writer stdin;
    private final Thread reader;

    /**
     * Starts the child and its N connections to {@code server}.
     *
     * @param script the request path of the sessions, or null for {@link AgiHoldingPeers#DEFAULT_SCRIPT} with Dial
     *               answered like any command (then {@code onDial} is never called)
     * @param onDial told of each {@code EXEC Dial} (that caller then hangs up); called on this object's reader thread
     */
    public AgiPeersInChildJvm(InetSocketAddress server, int sessions, String script,
                              AgiHoldingPeers.DialListener onDial) throws IOException {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be at least 1");
        }
        if (script != null && onDial == null) {
            throw new IllegalArgumentException("a script is given only with a Dial listener");
        }
        this.onDial = onDial;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AgiHoldingPeers.class.getName(),
                server.getHostString(), Integer.toString(server.getPort()), Integer.toString(sessions)));
        if (script != null) {
            command.add(script);
        }
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        reader = Thread.ofPlatform().daemon().name("agi-bench-child").start(this::readReports);
    }

    private void readReports() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                report(line);
            }
        } catch (IOException | NumberFormatException e) {
            failure.compareAndSet(null, "child JVM report unreadable: " + e.getMessage());
        }
        if (process.isAlive()) {
            return;
        }
        if (process.exitValue() != 0) {
            failure.compareAndSet(null, "peer JVM exited with " + process.exitValue());
        }
    }

    private void report(String line) {
        if (line.startsWith("peers ")) {
            String[] parts = line.split(" ", 5);
            if (parts.length >= 4) {
                connected.set(Integer.parseInt(parts[1]));
                holding.set(Integer.parseInt(parts[2]));
                endedByServer.set(Integer.parseInt(parts[3]));
                if (parts.length == 5) {
                    failure.set(parts[4]);
                }
            }
        } else if (line.startsWith("wakeups ")) {
            String[] parts = line.split(" ");
            if (parts.length == 3) {
                wakeUps.set(new WakeUps(Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
            }
        } else if (line.startsWith("commands ")) {
            String[] parts = line.split(" ");
            if (parts.length == 3) {
                commands.set(new CommandCount(Long.parseLong(parts[1]), Long.parseLong(parts[2])));
            }
        } else if (line.startsWith("dial ") && onDial != null) {
            String[] parts = line.split(" ", 4);
            if (parts.length == 4) {
                onDial.dialed(parts[1], Long.parseLong(parts[2]), parts[3]);
            }
        }
    }

    /**
     * Whether N sessions with both ends in this process (2N sockets) fit under its file-descriptor limit, with a
     * margin; true when the system does not say.
     */
    public static boolean bothEndsFit(int sessions) {
        long max = maxFileDescriptors();
        long open = openFileDescriptors();
        if (max < 0 || open < 0) {
            return true;
        }
        return open + 2L * sessions + FD_MARGIN <= max;
    }

    /** This process's file-descriptor limit ({@code ulimit -n}), or -1 when unknown. */
    public static long maxFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }

    private static long openFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    }

    /** Connections opened so far (as of the child's last report, at most 200 ms old). */
    public int connected() {
        return connected.get();
    }

    /** Sessions whose script has reached the hold loop (as of the child's last report). */
    @Override
    public int holding() {
        return holding.get();
    }

    /** Sessions the server closed (as of the child's last report). */
    public int endedByServer() {
        return endedByServer.get();
    }

    /** The child's latest command count (on its wall clock, ns since the epoch). */
    @Override
    public CommandCount commands() {
        return commands.get();
    }

    /** Why the peers stopped early, or null. */
    @Override
    public String failure() {
        return failure.get();
    }

    /** CPU time the child process has used so far, in ns; -1 when the system does not say. */
    @Override
    public long cpuTimeNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    @Override
    public boolean inThisProcess() {
        return false;
    }

    /** Tells the child to wake the caller (a line {@code wake <uniqueid>} on its standard input). */
    @Override
    public synchronized void wake(String uniqueid) {
        try {
            stdin.write("wake " + uniqueid + "\n");
            stdin.flush();
        } catch (IOException e) {
            failure.compareAndSet(null, "could not wake " + uniqueid + " in the child JVM: " + e.getMessage());
        }
    }

    @Override
    public WakeUps wakeUps() {
        return wakeUps.get();
    }

    /** Hangs every caller up: closes the child's standard input, upon which it closes its connections and exits. */
    @Override
    public synchronized void hangUpAll() {
        try {
            stdin.close();
        } catch (IOException e) {
            process.destroy();
        }
    }

    /** Hangs up, then waits for the child to exit (30 s, then it is killed) and for its last reports. */
    @Override
    public void close() {
        hangUpAll();
        try {
            if (!process.waitFor(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
