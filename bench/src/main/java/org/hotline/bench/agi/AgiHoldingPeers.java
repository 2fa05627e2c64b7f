package org.hotline.bench.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The Asterisk side of many FastAGI sessions at once, for {@link AgiSessionsBenchmark} and the queue-wait benchmark:
 * callers on hold. One platform thread and one NIO selector drive every connection: each sends its {@code agi_*}
 * environment (request {@code hotline?flow=bench} unless another is given; uniqueid {@code 1800000000.<n>} for the
 * n-th connection, from 1), answers {@code SET VARIABLE} with {@code 200 result=1}, {@code WAIT FOR DIGIT n} after
 * n ms with {@code 200 result=0} (no key), as Asterisk does for a caller who presses nothing, and every other command
 * at once with {@code 200 result=0}. It counts every command line it receives ({@link #commandsReceived()}).
 * <p>
 * With a {@link DialListener}, a command starting with {@code EXEC Dial} (the platform ringing an agent for that
 * caller) is not answered: the listener is told (uniqueid, and a time stamp taken when the command's bytes were read,
 * on the clock given), then that caller hangs up (its connection is closed), as a caller who leaves while the agent's
 * phone rings. Without a listener, {@code EXEC Dial} gets {@code 200 result=0} like any other command.
 * {@link #close()} hangs every caller up by closing the connections.
 * <p>
 * Also runnable on its own ({@link #main}), so that a benchmark can put the peers in a child JVM when one process
 * cannot hold both ends' sockets within the file-descriptor limit (see {@link AgiPeersInChildJvm}): it then prints
 * {@code peers <connected> <holding> <endedByServer>} and {@code commands <received> <wall-clock epoch ns>} every
 * 200 ms, {@code dial <uniqueid> <wall-clock epoch ns> <command>} for each {@code EXEC Dial} when a request path was
 * given, and hangs up and exits when its standard input closes (or after 30 min).
 */
public final class AgiHoldingPeers implements AgiPeers {
    private static final int CONNECTS_PER_ROUND = 100;
    private static final int READ_BUFFER_BYTES = 512;
    private static final Duration MAX_CHILD_LIFETIME = Duration.ofMinutes(30);
    /** The request path of {@link AgiSessionsBenchmark}'s sessions. */
    public static final String DEFAULT_SCRIPT = "hotline?flow=bench";
    /** The uniqueid of the n-th connection is this prefix followed by n. */
    public static final String UNIQUEID_PREFIX = "1800000000.";
    private static final String DIAL = "EXEC Dial";

    /** Told when a caller's session receives {@code EXEC Dial}; called on the peers' thread, so it must not block. */
    @FunctionalInterface
    public interface DialListener {
        /**
         * @param uniqueid  the session's {@code agi_uniqueid} (the platform's call id)
         * @param arrivedAt when the bytes carrying the command were read, on the peers' clock
         * @param command   the command line
         */
        void dialed(String uniqueid, long arrivedAt, String command);
    }

    private final InetSocketAddress server;
    private final int target;
    private final String script;
    private final LongSupplier clock;
    private final DialListener onDial;
    private final Selector selector;
    private final List<Peer> peers = new ArrayList<>();
    private final PriorityQueue<DueReply> due = new PriorityQueue<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger holding = new AtomicInteger();
    private final AtomicInteger endedByServer = new AtomicInteger();
    private final AtomicInteger hungUpOnDial = new AtomicInteger();
    private final AtomicLong commands = new AtomicLong();
    private final java.util.concurrent.ConcurrentLinkedQueue<String> wakeUps =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicInteger wakeUpsTaken = new AtomicInteger();
    private final AtomicInteger wakeUpsDropped = new AtomicInteger();
    private final Thread loop;
    private volatile boolean stopping;
    private volatile String failure;

    private static final class Peer {
        final SocketChannel channel;
        final int number;
        final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER_BYTES);
        ByteBuffer out;
        boolean holding;
        /** The number of this peer's WAIT FOR DIGIT in flight, 0 when none (a due reply of another wait is stale). */
        long waitInFlight;
        long waits;

        Peer(SocketChannel channel, int number) {
            this.channel = channel;
            this.number = number;
        }
    }

    private record DueReply(long atNanos, Peer peer, long waitNumber) implements Comparable<DueReply> {
        @Override
        public int compareTo(DueReply other) {
            return Long.compare(atNanos, other.atNanos);
        }
    }

    /** Callers on hold with request path {@value #DEFAULT_SCRIPT}; {@code EXEC Dial} is answered like any command. */
    public AgiHoldingPeers(InetSocketAddress server, int sessions) throws IOException {
        this(server, sessions, DEFAULT_SCRIPT, System::nanoTime, null);
    }

    /**
     * @param script the request path each session asks for, e.g. {@code hotline?flow=main}
     * @param clock  where the {@code arrivedAt} stamps given to {@code onDial} come from (e.g.
     *               {@code System::nanoTime}, or {@link #wallClockNanos()} to compare with another process)
     * @param onDial told of each {@code EXEC Dial}, after which that caller hangs up; null = Dial is answered
     *               {@code 200 result=0} and nobody hangs up
     */
    public AgiHoldingPeers(InetSocketAddress server, int sessions, String script, LongSupplier clock,
                           DialListener onDial) throws IOException {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be at least 1");
        }
        if (script == null || script.isBlank() || script.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("script must be a request path without spaces, was '" + script + "'");
        }
        this.server = server;
        this.target = sessions;
        this.script = script;
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        this.onDial = onDial;
        this.selector = Selector.open();
        this.loop = Thread.ofPlatform().name("agi-bench-peers").daemon().unstarted(this::run);
    }

    public void start() {
        loop.start();
    }

    /** Connections opened so far. */
    public int connected() {
        return connected.get();
    }

    /** Sessions whose script has reached the hold loop (sent a WAIT FOR DIGIT). */
    @Override
    public int holding() {
        return holding.get();
    }

    /** Sessions the server closed. */
    public int endedByServer() {
        return endedByServer.get();
    }

    /** Why the peers stopped early (e.g. a refused connection), or null. */
    @Override
    public String failure() {
        return failure;
    }

    /** Command lines received from the server so far, on every session. */
    public long commandsReceived() {
        return commands.get();
    }

    @Override
    public CommandCount commands() {
        return new CommandCount(commandsReceived(), System.nanoTime());
    }

    @Override
    public boolean inThisProcess() {
        return true;
    }

    /** Hangs every caller up: as {@link #close()}. */
    @Override
    public void hangUpAll() {
        close();
    }

    /** Callers hung up by the peers after their {@code EXEC Dial} (only with a {@link DialListener}). */
    public int hungUpOnDial() {
        return hungUpOnDial.get();
    }

    /**
     * CPU time the peers' thread has used so far, in ns, so that a benchmark running the peers in its own process
     * can leave their share out of the process's CPU; -1 when the JVM does not measure thread CPU time.
     */
    @Override
    public long cpuTimeNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return -1;
        }
        return threads.getThreadCpuTime(loop.threadId());
    }

    /**
     * The platform's wake-up of one caller (what AMI {@code PlayDTMF} with {@code Receive: true} does on Asterisk):
     * {@code D} queued on the caller's channel. A WAIT FOR DIGIT in flight returns it at once; at any other time the
     * key is dropped, as res_agi drops the frames that come between two commands. Any thread.
     */
    @Override
    public void wake(String uniqueid) {
        wakeUps.add(uniqueid);
        selector.wakeup();
    }

    @Override
    public WakeUps wakeUps() {
        return new WakeUps(wakeUpsTaken.get(), wakeUpsDropped.get());
    }

    private void receiveWakeUps() {
        for (String uniqueid; (uniqueid = wakeUps.poll()) != null; ) {
            Peer peer = peerOf(uniqueid);
            SelectionKey key = peer == null ? null : peer.channel.keyFor(selector);
            if (peer == null || peer.waitInFlight == 0 || key == null || !key.isValid()) {
                wakeUpsDropped.incrementAndGet();
                continue;
            }
            peer.waitInFlight = 0;
            wakeUpsTaken.incrementAndGet();
            send(peer, key, "200 result=" + (int) 'D' + "\n");
        }
    }

    private Peer peerOf(String uniqueid) {
        if (!uniqueid.startsWith(UNIQUEID_PREFIX)) {
            return null;
        }
        try {
            int n = Integer.parseInt(uniqueid.substring(UNIQUEID_PREFIX.length()));
            return n >= 1 && n <= peers.size() ? peers.get(n - 1) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The wall clock in ns since the epoch (microsecond resolution on Linux): comparable between processes. */
    public static long wallClockNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private void run() {
        try {
            while (!stopping) {
                connectSome();
                long waitMillis = connected.get() < target && failure == null ? 1 : nextDueMillis();
                selector.select(Math.max(1, waitMillis));
                for (SelectionKey key : selector.selectedKeys()) {
                    Peer peer = (Peer) key.attachment();
                    if (key.isValid() && key.isReadable()) {
                        read(peer, key);
                    }
                    if (key.isValid() && key.isWritable()) {
                        flush(peer, key);
                    }
                }
                selector.selectedKeys().clear();
                receiveWakeUps();
                replyDue();
            }
        } catch (IOException | RuntimeException e) {
            failure = "peer loop failed: " + e;
        } finally {
            for (Peer peer : peers) {
                try {
                    peer.channel.close();
                } catch (IOException e) {
                    // hanging up: a connection that cannot close cleanly is gone anyway
                }
            }
            try {
                selector.close();
            } catch (IOException e) {
                // nothing registered any more
            }
        }
    }

    private void connectSome() {
        for (int i = 0; i < CONNECTS_PER_ROUND && connected.get() < target && failure == null; i++) {
            int number = connected.get() + 1;
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open(server);
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                channel.write(ByteBuffer.wrap(environment(number).getBytes(StandardCharsets.UTF_8)));
                channel.configureBlocking(false);
                Peer peer = new Peer(channel, number);
                channel.register(selector, SelectionKey.OP_READ, peer);
                peers.add(peer);
                connected.incrementAndGet();
            } catch (IOException e) {
                failure = "connection " + number + " failed: " + e.getMessage();
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // never registered
                    }
                }
            }
        }
    }

    private String environment(int number) {
        return "agi_network: yes\n"
                + "agi_network_script: " + script + "\n"
                + "agi_request: agi://" + server.getHostString() + ":" + server.getPort() + "/" + script + "\n"
                + "agi_channel: Local/bench-" + number + "@hotline-00000000;2\n"
                + "agi_language: en\n"
                + "agi_type: Local\n"
                + "agi_uniqueid: " + UNIQUEID_PREFIX + number + "\n"
                + "agi_version: 20.20.1\n"
                + "agi_callerid: " + (13_900_000_000L + number) + "\n"
                + "agi_calleridname: Bench " + number + "\n"
                + "agi_callingpres: 0\nagi_callingani2: 0\nagi_callington: 0\nagi_callingtns: 0\n"
                + "agi_dnid: 4000\nagi_rdnis: unknown\nagi_context: hotline\nagi_extension: 4000\n"
                + "agi_priority: 3\nagi_enhanced: 0.0\nagi_accountcode: \nagi_threadid: " + number + "\n\n";
    }

    private void read(Peer peer, SelectionKey key) {
        int read;
        try {
            read = peer.channel.read(peer.in);
        } catch (IOException e) {
            read = -1;
        }
        if (read < 0) {
            key.cancel();
            try {
                peer.channel.close();
            } catch (IOException e) {
                // the server already closed it
            }
            endedByServer.incrementAndGet();
            return;
        }
        long arrivedAt = onDial == null ? 0 : clock.getAsLong();
        peer.in.flip();
        int lineStart = 0;
        for (int i = peer.in.position(); i < peer.in.limit() && key.isValid(); i++) {
            if (peer.in.get(i) == '\n') {
                byte[] bytes = new byte[i - lineStart];
                peer.in.get(lineStart, bytes);
                command(peer, key, new String(bytes, StandardCharsets.UTF_8), arrivedAt);
                lineStart = i + 1;
            }
        }
        if (!key.isValid()) {
            return;
        }
        peer.in.position(lineStart);
        peer.in.compact();
        if (!peer.in.hasRemaining()) {
            peer.in.clear();
        }
    }

    private void command(Peer peer, SelectionKey key, String command, long arrivedAt) {
        commands.incrementAndGet();
        if (onDial != null && command.startsWith(DIAL)) {
            try {
                onDial.dialed(UNIQUEID_PREFIX + peer.number, arrivedAt, command);
            } finally {
                hangUp(peer, key);
            }
        } else if (command.startsWith("WAIT FOR DIGIT ")) {
            if (!peer.holding) {
                peer.holding = true;
                holding.incrementAndGet();
            }
            long millis;
            try {
                millis = Math.max(0, Long.parseLong(command.substring("WAIT FOR DIGIT ".length()).trim()));
            } catch (NumberFormatException e) {
                millis = 0;
            }
            peer.waitInFlight = ++peer.waits;
            due.add(new DueReply(System.nanoTime() + millis * 1_000_000L, peer, peer.waitInFlight));
        } else if (command.startsWith("SET VARIABLE")) {
            send(peer, key, "200 result=1\n");
        } else {
            send(peer, key, "200 result=0\n");
        }
    }

    /** The caller leaves: the connection closes, and the server sees the end of its stream. */
    private void hangUp(Peer peer, SelectionKey key) {
        key.cancel();
        peer.out = null;
        try {
            peer.channel.close();
        } catch (IOException e) {
            // a connection that cannot close cleanly is gone anyway
        }
        hungUpOnDial.incrementAndGet();
    }

    private long nextDueMillis() {
        DueReply next = due.peek();
        if (next == null) {
            return 200;
        }
        return Math.min(200, Math.max(1, (next.atNanos() - System.nanoTime()) / 1_000_000L));
    }

    private void replyDue() {
        long now = System.nanoTime();
        for (int i = 0; i < 100_000 && !due.isEmpty() && due.peek().atNanos() - now <= 0; i++) {
            DueReply reply = due.poll();
            Peer peer = reply.peer();
            if (peer.waitInFlight != reply.waitNumber()) {
                continue; // that wait was woken and has been answered
            }
            peer.waitInFlight = 0;
            SelectionKey key = peer.channel.keyFor(selector);
            if (key != null && key.isValid()) {
                send(peer, key, "200 result=0\n");
            }
        }
    }

    private void send(Peer peer, SelectionKey key, String reply) {
        ByteBuffer bytes = ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8));
        if (peer.out != null) {
            ByteBuffer joined = ByteBuffer.allocate(peer.out.remaining() + bytes.remaining());
            joined.put(peer.out).put(bytes).flip();
            peer.out = joined;
            return;
        }
        peer.out = bytes;
        flush(peer, key);
    }

    private void flush(Peer peer, SelectionKey key) {
        if (peer.out == null) {
            key.interestOps(SelectionKey.OP_READ);
            return;
        }
        try {
            peer.channel.write(peer.out);
        } catch (IOException e) {
            key.cancel();
            return;
        }
        if (peer.out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        } else {
            peer.out = null;
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Hangs every caller up (closes every connection) and stops the peer thread (waits up to 10 s). */
    @Override
    public void close() {
        stopping = true;
        selector.wakeup();
        try {
            loop.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Child-JVM mode: {@code AgiHoldingPeers <host> <port> <sessions> [<script>]}. Reports progress on standard
     * output, hangs up when standard input closes. With {@code script} (the request path), each {@code EXEC Dial} is
     * reported as {@code dial <uniqueid> <wall-clock epoch ns> <command>} and that caller hangs up; without it, the
     * sessions ask for {@value #DEFAULT_SCRIPT} and Dial is answered like any command.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: AgiHoldingPeers <host> <port> <sessions> [<script>]");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int sessions = Integer.parseInt(args[2]);
        DialListener printDial = (uniqueid, arrivedAt, command) -> {
            System.out.println("dial " + uniqueid + " " + arrivedAt + " " + command);
            System.out.flush();
        };
        try (AgiHoldingPeers peers = args.length == 3 ? new AgiHoldingPeers(server, sessions)
                : new AgiHoldingPeers(server, sessions, args[3], AgiHoldingPeers::wallClockNanos, printDial)) {
            peers.start();
            Thread reporter = Thread.ofPlatform().daemon().start(() -> {
                long end = System.nanoTime() + MAX_CHILD_LIFETIME.toNanos();
                while (System.nanoTime() < end) {
                    System.out.println("commands " + peers.commandsReceived() + " " + wallClockNanos());
                    System.out.println("wakeups " + peers.wakeUpsTaken.get() + " " + peers.wakeUpsDropped.get());
                    System.out.println("peers " + peers.connected() + " " + peers.holding() + " "
                            + peers.endedByServer() + (peers.failure() == null ? "" : " " + peers.failure()));
                    System.out.flush();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                System.exit(3);
            });
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = stdin.readLine()) != null; ) {
                // "wake <uniqueid>": the platform wakes that caller; the parent ends the peers by closing stdin
                if (line.startsWith("wake ")) {
                    peers.wake(line.substring(5).trim());
                }
            }
            reporter.interrupt();
        }
        System.out.println("closed");
        System.out.flush();
    }
}
