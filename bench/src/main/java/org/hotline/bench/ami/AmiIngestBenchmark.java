package org.hotline.bench.ami;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.DeviceStateChangeEvent;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.ami.AmiGateway;
import org.hotline.cti.asterisk.ami.AmiLinkState;
import org.hotline.cti.asterisk.ami.AmiOptions;
import org.hotline.cti.asterisk.ami.AmiServerConfig;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.HotlineEvent;

/**
 * AMI ingest, measured: the recorded 600-call stream ({@code ami-load-600calls.txt.gz}, 53,704 events, 21 MB) is
 * replayed over loopback TCP from a minimal in-process AMI server, once to a bare Asterisk-Java
 * {@link ManagerConnection} whose listener only counts, once through {@link AmiGateway} (every caller tracked, so the
 * mapping really runs; events published to an EventBus that only counts), alternately, after four warm-ups of each,
 * in one process; the medians are compared. Events per second = the stream's events / the time from the first byte
 * sent to the client having handled a marker event sent after the last one. Bounded: every round gives up after 120 s.
 *
 * <p>Run: {@code ./hotline bench ami}, or {@code java -cp bench/target/hotline-bench.jar org.hotline.bench.ami.AmiIngestBenchmark
 * [path/to/ami-load-600calls.txt.gz] [measured rounds]}; from the repository root the path defaults to
 * {@value #DEFAULT_STREAM}.
 */
public final class AmiIngestBenchmark {
    static final String DEFAULT_STREAM = "cti-adapter/src/test/resources/asterisk/ami-load-600calls.txt.gz";
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(120);
    private static final int DEFAULT_WARMUPS = 4;
    private static final int DEFAULT_ROUNDS = 7;
    private static final double GOAL = 250_000;

    private AmiIngestBenchmark() {
    }

    public static void main(String[] args) {
        Path stream = Path.of(args.length > 0 ? args[0] : DEFAULT_STREAM);
        if (!Files.isRegularFile(stream) && args.length == 0) {
            stream = Path.of("..").resolve(DEFAULT_STREAM); // started in the bench directory
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ROUNDS;
        System.out.println(run(stream, DEFAULT_WARMUPS, rounds));
    }

    /** Runs the benchmark (four warm-up and seven measured rounds of each side) and returns the report. */
    public static String run(Path stream) {
        return run(stream, DEFAULT_WARMUPS, DEFAULT_ROUNDS);
    }

    /** Runs the benchmark: {@code warmups} unmeasured, then {@code rounds} measured rounds of each side. */
    public static String run(Path stream, int warmups, int rounds) {
        if (warmups < 0 || rounds < 1) {
            throw new IllegalArgumentException("at least one measured round, and no negative warm-up");
        }
        Recording recording = Recording.load(stream);
        List<Double> bare = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (ReplayServer server = new ReplayServer()) {
            for (int round = 0; round < warmups + rounds; round++) {
                Result b = bareRound(server, recording, round);
                Result o = gatewayRound(server, recording, round);
                if (round >= warmups) {
                    bare.add(b.rate(recording.events));
                    ours.add(o.rate(recording.events));
                }
                if (round == warmups + rounds - 1) {
                    notes.add(o.note());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double bareMedian = median(bare);
        double oursMedian = median(ours);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "AMI ingest: %s, %,d events (%,d bytes), %d callers tracked;"
                        + " loopback TCP, %d warm-up + %d measured rounds each, alternating, in one JVM (Java %s, %d"
                        + " cores)%n", stream.getFileName(), recording.events, recording.body.length,
                recording.callers.size(), warmups, rounds, Runtime.version(),
                Runtime.getRuntime().availableProcessors()));
        sb.append(String.format(Locale.ROOT, "bare Asterisk-Java ManagerConnection listener (counts only): median %,.0f"
                + " events/s  (rounds: %s)%n", bareMedian, rates(bare)));
        sb.append(String.format(Locale.ROOT, "Hotline AmiGateway (tracked calls, mapping, EventBus):   median %,.0f"
                + " events/s  (rounds: %s)%n", oursMedian, rates(ours)));
        sb.append(String.format(Locale.ROOT, "ratio: %.1f %% of bare; goal >= %,.0f events/s: %s%n",
                100.0 * oursMedian / bareMedian, GOAL, oursMedian >= GOAL ? "met" : "NOT met"));
        for (String note : notes) {
            sb.append(note).append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String rates(List<Double> values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f", v));
        }
        return sb.toString();
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return 0;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** One round's outcome. */
    private record Result(long nanos, String note) {
        double rate(long events) {
            return nanos <= 0 ? 0 : events * 1e9 / nanos;
        }
    }

    private static String marker(int round, String side) {
        return "PJSIP/hotline-bench-end-" + side + "-" + round;
    }

    private static Result bareRound(ReplayServer server, Recording recording, int round) {
        String end = marker(round, "bare");
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong count = new AtomicLong();
        ManagerConnection c = new ManagerConnectionFactory("127.0.0.1", server.port(), "bench", "bench")
                .createManagerConnection();
        c.addEventListener(e -> {
            count.incrementAndGet();
            if (e instanceof DeviceStateChangeEvent d && end.equals(d.getDevice())) {
                done.countDown();
            }
        });
        try {
            c.login();
            long t0 = System.nanoTime();
            server.play(recording.body, end);
            boolean finished = done.await(ROUND_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            long t1 = System.nanoTime();
            if (!finished) {
                throw new IllegalStateException("the bare listener did not get the whole stream within "
                        + ROUND_LIMIT.toSeconds() + " s; did Asterisk-Java drop events (\"Event queue is full\")?");
            }
            return new Result(t1 - t0, "bare listener calls: " + count.get());
        } catch (Exception e) {
            throw new IllegalStateException("bare round failed: " + e.getMessage(), e);
        } finally {
            try {
                c.logoff();
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }

    private static Result gatewayRound(ReplayServer server, Recording recording, int round) throws IOException {
        String end = marker(round, "ours");
        CountingBus bus = new CountingBus(end);
        AsteriskCalls calls = new AsteriskCalls();
        AmiServerConfig config = new AmiServerConfig("bench", "127.0.0.1", server.port(), "bench", "bench");
        try (AmiGateway gateway = new AmiGateway(List.of(config), bus, Clock.systemUTC(), calls,
                AmiOptions.defaults())) {
            gateway.start();
            long deadline = System.nanoTime() + ROUND_LIMIT.toNanos();
            while (gateway.links().get("bench") != AmiLinkState.CONNECTED) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the gateway did not connect: " + gateway.links());
                }
                sleep(5);
            }
            recording.callers.forEach(calls::track); // the FastAGI side tracks each caller as it arrives
            long t0 = System.nanoTime();
            server.play(recording.body, end);
            boolean finished = bus.done.await(ROUND_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            long t1 = System.nanoTime();
            if (!finished) {
                throw new IllegalStateException("the gateway did not handle the whole stream within "
                        + ROUND_LIMIT.toSeconds() + " s; did Asterisk-Java drop events (\"Event queue is full\", e.g."
                        + " with DEBUG logging of org.asteriskjava)?");
            }
            return new Result(t1 - t0, String.format(Locale.ROOT, "gateway published: %,d CallHungUp (of %d callers"
                    + " tracked), %,d DeviceStateChanged, %,d events in all; %d call(s) still tracked",
                    bus.hangups.get(), recording.callers.size(), bus.devices.get(), bus.all.get(),
                    calls.callIds().size()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An EventBus that only counts, and notices the end marker. */
    private static final class CountingBus implements EventBus {
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicLong all = new AtomicLong();
        final AtomicLong hangups = new AtomicLong();
        final AtomicLong devices = new AtomicLong();
        private final String end;
        private final List<Consumer<HotlineEvent>> subscribers = new CopyOnWriteArrayList<>();

        CountingBus(String end) {
            this.end = end;
        }

        @Override
        public void publish(HotlineEvent event) {
            all.incrementAndGet();
            if (event instanceof CallHungUp) {
                hangups.incrementAndGet();
            } else if (event instanceof DeviceStateChanged d) {
                devices.incrementAndGet();
                if (end.equals(d.device())) {
                    done.countDown();
                }
            }
            subscribers.forEach(s -> s.accept(event));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends HotlineEvent> Subscription subscribe(Class<T> type, Consumer<? super T> listener) {
            Consumer<HotlineEvent> c = e -> {
                if (type.isInstance(e)) {
                    listener.accept((T) e);
                }
            };
            subscribers.add(c);
            return () -> subscribers.remove(c);
        }
    }

    /** The recorded stream after its {@code #} header, banner and login response, and the callers in it. */
    private static final class Recording {
        final byte[] body;
        final long events;
        final Map<String, String> callers;

        private Recording(byte[] body, long events, Map<String, String> callers) {
            this.body = body;
            this.events = events;
            this.callers = callers;
        }

        static Recording load(Path path) {
            byte[] all;
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
                all = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
            int start = indexOf(all, "\n".getBytes(StandardCharsets.US_ASCII), 0) + 1; // the # header line
            String head = new String(all, start, Math.min(all.length - start, 4096), StandardCharsets.UTF_8);
            if (head.startsWith("Asterisk Call Manager/")) {
                start += head.indexOf("\r\n") + 2; // the banner
            }
            head = new String(all, start, Math.min(all.length - start, 4096), StandardCharsets.UTF_8);
            if (head.startsWith("Response: Success")) {
                start += head.indexOf("\r\n\r\n") + 4; // the capture's own login response
            }
            byte[] body = Arrays.copyOfRange(all, start, all.length);
            long events = 0;
            Map<String, String> callers = new LinkedHashMap<>();
            String text = new String(body, StandardCharsets.UTF_8);
            for (String message : text.split("\r\n\r\n")) {
                if (!message.startsWith("Event: ")) {
                    continue;
                }
                events++;
                if (message.startsWith("Event: Newchannel\r\n") && message.contains("\r\nContext: hotline\r\n")) {
                    String channel = field(message, "Channel");
                    String uid = field(message, "Uniqueid");
                    if (channel != null && uid != null && !channel.startsWith("Local/")) {
                        callers.put(uid, channel);
                    }
                }
            }
            return new Recording(body, events, callers);
        }

        private static String field(String message, String name) {
            int i = message.indexOf("\r\n" + name + ": ");
            if (i < 0) {
                return null;
            }
            int from = i + name.length() + 4;
            int to = message.indexOf("\r\n", from);
            return message.substring(from, to < 0 ? message.length() : to);
        }

        private static int indexOf(byte[] data, byte[] what, int from) {
            outer:
            for (int i = from; i <= data.length - what.length; i++) {
                for (int j = 0; j < what.length; j++) {
                    if (data[i + j] != what[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /**
     * A minimal AMI server: banner, Challenge / Login (any key), CoreSettings, Ping, empty CoreShowChannels and
     * DeviceStateList, Logoff; {@link #play} writes the recording to the newest connection.
     */
    private static final class ReplayServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread acceptor;
        private final List<Socket> clients = new CopyOnWriteArrayList<>();
        private final List<Thread> readers = new CopyOnWriteArrayList<>();
        private volatile OutputStream newest;
        private volatile boolean closed;

        ReplayServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "bench-ami-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!closed) {
                try {
                    Socket s = socket.accept();
                    s.setTcpNoDelay(true);
                    clients.add(s);
                    OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
                    synchronized (out) {
                        out.write("Asterisk Call Manager/9.0.0\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    Thread reader = new Thread(() -> serve(s, out), "bench-ami-session");
                    reader.setDaemon(true);
                    readers.add(reader);
                    reader.start();
                } catch (IOException e) {
                    if (!closed) {
                        sleep(5);
                    }
                }
            }
        }

        private void serve(Socket s, OutputStream out) {
            try (InputStream in = new BufferedInputStream(s.getInputStream())) {
                Map<String, String> fields = new LinkedHashMap<>();
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    String text = line.toString(StandardCharsets.UTF_8).strip();
                    line.reset();
                    if (!text.isEmpty()) {
                        int colon = text.indexOf(':');
                        if (colon > 0) {
                            fields.put(text.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                    text.substring(colon + 1).trim());
                        }
                        continue;
                    }
                    if (!fields.isEmpty()) {
                        answer(fields, out);
                        fields.clear();
                    }
                }
            } catch (IOException e) {
                // the client left
            }
        }

        private void answer(Map<String, String> action, OutputStream out) throws IOException {
            String id = action.getOrDefault("actionid", "");
            String name = action.getOrDefault("action", "").toLowerCase(Locale.ROOT);
            String reply = switch (name) {
                case "challenge" -> "Response: Success\r\nActionID: " + id + "\r\nChallenge: 123456789\r\n\r\n";
                case "login" -> {
                    newest = out;
                    yield "Response: Success\r\nActionID: " + id + "\r\nMessage: Authentication accepted\r\n\r\n";
                }
                case "coresettings" -> "Response: Success\r\nActionID: " + id
                        + "\r\nAMIversion: 9.0.0\r\nAsteriskVersion: 20.20.1\r\n\r\n";
                case "ping" -> "Response: Success\r\nActionID: " + id + "\r\nPing: Pong\r\n\r\n";
                case "coreshowchannels" -> "Response: Success\r\nActionID: " + id
                        + "\r\nEventList: start\r\nMessage: Channels will follow\r\n\r\n"
                        + "Event: CoreShowChannelsComplete\r\nActionID: " + id
                        + "\r\nEventList: Complete\r\nListItems: 0\r\n\r\n";
                case "devicestatelist" -> "Response: Success\r\nActionID: " + id
                        + "\r\nEventList: start\r\nMessage: Device State Changes will follow\r\n\r\n"
                        + "Event: DeviceStateListComplete\r\nActionID: " + id
                        + "\r\nEventList: Complete\r\nListItems: 0\r\n\r\n";
                case "logoff" -> "Response: Goodbye\r\nActionID: " + id
                        + "\r\nMessage: Thanks for all the fish.\r\n\r\n";
                default -> "Response: Error\r\nActionID: " + id + "\r\nMessage: Invalid/unknown command\r\n\r\n";
            };
            synchronized (out) {
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }

        /** Writes the recording, then an end marker event, to the newest logged-in connection. */
        void play(byte[] body, String endDevice) throws IOException {
            OutputStream out = newest;
            if (out == null) {
                throw new IllegalStateException("no client logged in");
            }
            byte[] end = ("Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: " + endDevice
                    + "\r\nState: INUSE\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int off = 0; off < body.length; off += 1 << 16) {
                synchronized (out) { // per chunk: answers to the client's Pings may go in between (at message ends)
                    int to = messageEnd(body, Math.min(body.length, off + (1 << 16)));
                    out.write(body, off, to - off);
                    off = to - (1 << 16);
                }
            }
            synchronized (out) {
                out.write(end);
                out.flush();
            }
        }

        /** The end of the message that contains position {@code at} (just after its empty line). */
        private static int messageEnd(byte[] body, int at) {
            for (int i = Math.max(3, at - 1); i < body.length; i++) {
                if (body[i] == '\n' && body[i - 1] == '\r' && body[i - 2] == '\n' && body[i - 3] == '\r') {
                    return i + 1;
                }
            }
            return body.length;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            socket.close();
            for (Socket s : clients) {
                s.close();
            }
            try {
                acceptor.join(2000);
                for (Thread t : readers) {
                    t.join(2000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
