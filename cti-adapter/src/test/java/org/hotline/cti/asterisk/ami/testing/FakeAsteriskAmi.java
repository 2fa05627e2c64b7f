package org.hotline.cti.asterisk.ami.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.hotline.cti.asterisk.ami.AmiServerConfig;

/**
 * Asterisk's side of AMI on a free loopback port, for tests: the banner ({@code Asterisk Call Manager/9.0.0}, one
 * line, no empty line after it), {@code Challenge} / {@code Login} with the MD5 key ({@code md5(challenge + secret)},
 * as Asterisk-Java sends it), {@code CoreSettings}, {@code Ping}, {@code Response: Goodbye} on {@code Logoff}, and the
 * responses of Asterisk 20.20.1 to {@code CoreShowChannels}, {@code DeviceStateList}, {@code Originate},
 * {@code Hangup}, {@code Redirect}, {@code BlindTransfer}, {@code Atxfer}, {@code MuteAudio}, {@code MixMonitor} and
 * {@code StopMixMonitor} (shapes from the captures: ActionID second in responses, list items and {@code ...Complete}
 * events; {@code Could not stop monitoring channel} for a channel not being recorded).
 *
 * <p>A {@link Session} replays capture blocks byte for byte ({@link Session#replay}), plays a capture as a script
 * that waits for the client's actions where the captured client sent them ({@link Session#play}), injects any bytes
 * (garbage, oversized events) and drops. The server can refuse connections, go silent (a half-open connection) and
 * drop every session. Everything is closed by {@link #close()}.
 */
public final class FakeAsteriskAmi implements AutoCloseable {
    public static final String BANNER = "Asterisk Call Manager/9.0.0\r\n";

    /** An action the client sent: its fields (names case-insensitive; Asterisk-Java sends them lower-case). */
    public record Action(int session, Map<String, String> fields) {
        public String name() {
            return fields.getOrDefault("Action", "");
        }

        public String actionId() {
            return fields.get("ActionID");
        }

        public String get(String field) {
            return fields.get(field);
        }

        public boolean is(String action) {
            return action.equalsIgnoreCase(name());
        }
    }

    /** A channel listed by CoreShowChannels, running {@code application} ({@code Dial} unless told). */
    public record Channel(String name, String uniqueid, String bridgeId, String context, String exten,
                          String application, String applicationData) {
        public static Channel of(String name, String uniqueid) {
            return new Channel(name, uniqueid, "", "default", "s", "Dial", "");
        }

        public Channel bridged(String bridge) {
            return new Channel(name, uniqueid, bridge, context, exten, application, applicationData);
        }

        /** The channel runs {@code app(data)}, e.g. {@code Queue(hotline-fallback,t,,,300)}. */
        public Channel running(String app, String data) {
            return new Channel(name, uniqueid, bridgeId, context, exten, app, data);
        }
    }

    /** Answers an action instead of the built-in responder. */
    @FunctionalInterface
    public interface Responder {
        void respond(Session session, Action action) throws IOException;
    }

    private final String username;
    private final String secret;
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final List<Action> actions = new CopyOnWriteArrayList<>();
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile List<Channel> channels = List.of();
    private volatile Map<String, String> devices = Map.of();
    private volatile boolean refusing;
    private volatile boolean silent;
    private volatile boolean closed;

    /** Starts listening on a free port of 127.0.0.1. */
    public FakeAsteriskAmi(String username, String secret) throws IOException {
        this.username = username;
        this.secret = secret;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fake-ami-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** A config for this fake, with its credentials. */
    public AmiServerConfig config(String name) {
        return new AmiServerConfig(name, "127.0.0.1", port(), username, secret);
    }

    /** Replaces the built-in answer to {@code action}. */
    public void respond(String action, Responder responder) {
        responders.put(action.toLowerCase(Locale.ROOT), responder);
    }

    /** What CoreShowChannels lists from now on. */
    public void channels(List<Channel> live) {
        channels = List.copyOf(live);
    }

    /** What DeviceStateList lists from now on (device to Asterisk state, e.g. PJSIP/1001 = NOT_INUSE). */
    public void devices(Map<String, String> states) {
        devices = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    /** Accept connections and close them at once (true), or serve them again (false). */
    public void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** Stop answering anything (true: a half-open connection), or answer again (false). */
    public void silence(boolean silence) {
        silent = silence;
    }

    /** Closes every session abruptly, as a crashed Asterisk or a broken network would. */
    public void dropAll() {
        for (Session s : sessions) {
            s.drop();
        }
    }

    /** Successful logins so far. */
    public int logins() {
        return logins.get();
    }

    /** TCP connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Every action received, in order. */
    public List<Action> actions() {
        return List.copyOf(actions);
    }

    /** The received actions named {@code name}. */
    public List<Action> actions(String name) {
        return actions.stream().filter(a -> a.is(name)).toList();
    }

    /** The latest logged-in session that is still open, waiting up to {@code max}. */
    public Session session(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = sessions.size() - 1; i >= 0; i--) {
                Session s = sessions.get(i);
                if (s.loggedIn && !s.socket.isClosed()) {
                    return s;
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("no client logged in within " + max);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                if (refusing) {
                    s.close();
                    continue;
                }
                Session session = new Session(sessions.size() + 1, s);
                sessions.add(session);
                session.start();
            } catch (IOException e) {
                if (!closed) {
                    sleepQuietly(10);
                }
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Session s : sessions) {
            s.drop();
        }
        try {
            acceptor.join(2000);
            for (Session s : sessions) {
                s.reader.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a message: {@code "Name: value"} lines, CRLF each, and the closing empty line. */
    public static String message(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    /** One client connection. */
    public final class Session {
        private final int id;
        private final Socket socket;
        private final OutputStream out;
        private final Thread reader;
        private final Set<String> monitored = ConcurrentHashMap.newKeySet();
        private final Map<String, BlockingQueue<Action>> scripted = new ConcurrentHashMap<>();
        private volatile String challenge;
        private volatile boolean loggedIn;

        Session(int id, Socket socket) throws IOException {
            this.id = id;
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.reader = new Thread(this::readLoop, "fake-ami-session-" + port() + "-" + id);
            reader.setDaemon(true);
        }

        void start() throws IOException {
            write(BANNER.getBytes(StandardCharsets.US_ASCII));
            reader.start();
        }

        public boolean loggedIn() {
            return loggedIn && !socket.isClosed();
        }

        /** Writes bytes as they are. */
        public void sendRaw(byte[] bytes) throws IOException {
            write(bytes);
        }

        /** Writes a line that is not AMI ({@code text} + CRLF), as a broken peer or proxy might. */
        public void sendGarbage(String text) throws IOException {
            write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        /** Writes a well-formed event of about {@code bytes} bytes (a VarSet with a huge value). */
        public void sendOversizedEvent(int bytes) throws IOException {
            write(message("Event: VarSet", "Privilege: dialplan,all", "Channel: PJSIP/trunk-00000000",
                    "Uniqueid: 0.0", "Variable: OVERSIZED", "Value: " + "x".repeat(Math.max(0, bytes)))
                    .getBytes(StandardCharsets.UTF_8));
        }

        /** Writes a message built from {@code "Name: value"} lines. */
        public void send(String... lines) throws IOException {
            write(message(lines).getBytes(StandardCharsets.UTF_8));
        }

        private void write(byte[] bytes) throws IOException {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        }

        /** Closes the connection abruptly. */
        public void drop() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }

        /** Writes the server blocks of {@code blocks}, byte for byte; client blocks and responses are skipped. */
        public void replay(List<AmiCapture.Block> blocks) throws IOException {
            for (AmiCapture.Block b : blocks) {
                if (b.direction() == AmiCapture.Direction.SERVER && !b.isResponse()) {
                    write(b.bytes());
                }
            }
        }

        /**
         * Prepares {@code blocks} as a script (started by {@link Script#start()}): server blocks are written byte for
         * byte; at a client action named in {@code expected} the script waits for the client to send that action,
         * answers with the captured response (its ActionID replaced by the client's) and goes on; other captured
         * client actions are skipped with their responses. Events carrying a replaced ActionID get the client's too.
         * While the script runs, the actions in {@code expected} are answered by the script only.
         */
        public Script script(List<AmiCapture.Block> blocks, Set<String> expected) {
            return new Script(this, blocks, expected);
        }

        /** {@link #script} started at once. */
        public Script play(List<AmiCapture.Block> blocks, Set<String> expected) {
            return script(blocks, expected).start();
        }

        Action awaitScripted(String name, Duration max) throws InterruptedException {
            BlockingQueue<Action> q = scripted.get(name.toLowerCase(Locale.ROOT));
            return q == null ? null : q.poll(max.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void readLoop() {
            try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
                Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    if (!text.isEmpty()) {
                        int colon = text.indexOf(':');
                        if (colon > 0) {
                            fields.put(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
                        }
                        continue;
                    }
                    if (fields.isEmpty()) {
                        continue;
                    }
                    Action action = new Action(id, Collections.unmodifiableMap(fields));
                    fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                    actions.add(action);
                    if (!silent) {
                        handle(action);
                    }
                }
            } catch (IOException e) {
                // the client or the test closed the connection
            } finally {
                drop();
            }
        }

        private void handle(Action a) throws IOException {
            String name = a.name().toLowerCase(Locale.ROOT);
            BlockingQueue<Action> q = scripted.get(name);
            if (q != null) {
                q.add(a);
                return;
            }
            Responder custom = responders.get(name);
            if (custom != null) {
                custom.respond(this, a);
                return;
            }
            switch (name) {
                case "challenge" -> {
                    challenge = String.valueOf(100_000_000 + ThreadLocalRandom.current().nextInt(900_000_000));
                    respond(a, "Success", "Challenge: " + challenge);
                }
                case "login" -> login(a);
                case "coresettings" -> respond(a, "Success", "AMIversion: 9.0.0", "AsteriskVersion: 20.20.1",
                        "SystemName: ", "CoreMaxCalls: 0", "CoreMaxLoadAvg: 0.000000", "CoreRunUser: asterisk",
                        "CoreRunGroup: asterisk", "CoreMaxFilehandles: 0", "CoreRealTimeEnabled: No",
                        "CoreCDRenabled: Yes", "CoreHTTPenabled: No", "SoundsSearchCustomDir: No");
                case "logoff" -> {
                    respond(a, "Goodbye", "Message: Thanks for all the fish.");
                    drop();
                }
                case "ping" -> respond(a, "Success", "Ping: Pong",
                        "Timestamp: " + System.currentTimeMillis() / 1000 + ".000000");
                case "coreshowchannels" -> coreShowChannels(a);
                case "devicestatelist" -> deviceStateList(a);
                case "originate" -> respond(a, "Success", "Message: Originate successfully queued");
                case "hangup" -> respond(a, "Success", "Message: Channel Hungup");
                case "redirect" -> respond(a, "Success", "Message: Redirect successful");
                case "blindtransfer" -> respond(a, "Success", "Message: Transfer succeeded");
                case "atxfer" -> respond(a, "Success", "Message: Atxfer successfully queued");
                case "muteaudio" -> respond(a, "Success", "Message: Audio muted");
                // app_senddtmf.c manager_play_dtmf: the channel must exist (here: any name given)
                case "playdtmf" -> {
                    if (a.get("Channel") == null || a.get("Channel").isBlank()) {
                        respond(a, "Error", "Message: Channel not found");
                    } else {
                        respond(a, "Success", "Message: DTMF successfully queued");
                    }
                }
                case "mixmonitor" -> {
                    monitored.add(a.get("Channel"));
                    respond(a, "Success");
                }
                case "stopmixmonitor" -> {
                    if (monitored.remove(a.get("Channel"))) {
                        respond(a, "Success");
                    } else {
                        respond(a, "Error", "Message: Could not stop monitoring channel");
                    }
                }
                default -> respond(a, "Error", "Message: Invalid/unknown command");
            }
        }

        private void login(Action a) throws IOException {
            String expected = md5(challenge + secret);
            boolean ok = username.equals(a.get("Username")) && challenge != null
                    && (expected.equalsIgnoreCase(a.get("Key")) || secret.equals(a.get("Secret")));
            if (!ok) {
                respond(a, "Error", "Message: Authentication failed");
                drop();
                return;
            }
            respond(a, "Success", "Message: Authentication accepted");
            send("Event: FullyBooted", "Privilege: system,all", "Uptime: 105", "LastReload: 105",
                    "Status: Fully Booted");
            loggedIn = true;
            logins.incrementAndGet();
        }

        /** {@code Response: <response>}, the ActionID second, then {@code more}. */
        public void respond(Action a, String response, String... more) throws IOException {
            List<String> lines = new ArrayList<>();
            lines.add("Response: " + response);
            if (a.actionId() != null) {
                lines.add("ActionID: " + a.actionId());
            }
            lines.addAll(List.of(more));
            send(lines.toArray(String[]::new));
        }

        private void coreShowChannels(Action a) throws IOException {
            List<Channel> live = channels;
            respond(a, "Success", "EventList: start", "Message: Channels will follow");
            for (Channel c : live) {
                send("Event: CoreShowChannel", "ActionID: " + a.actionId(), "Channel: " + c.name(), "ChannelState: 6",
                        "ChannelStateDesc: Up", "CallerIDNum: 13900139000", "CallerIDName: Bob",
                        "ConnectedLineNum: <unknown>", "ConnectedLineName: <unknown>", "Language: en",
                        "AccountCode: ", "Context: " + c.context(), "Exten: " + c.exten(), "Priority: 1",
                        "Uniqueid: " + c.uniqueid(), "Linkedid: " + c.uniqueid(), "Application: " + c.application(),
                        "ApplicationData: " + c.applicationData(), "Duration: 00:00:09", "BridgeId: " + c.bridgeId());
            }
            send("Event: CoreShowChannelsComplete", "ActionID: " + a.actionId(), "EventList: Complete",
                    "ListItems: " + live.size());
        }

        private void deviceStateList(Action a) throws IOException {
            Map<String, String> states = devices;
            respond(a, "Success", "EventList: start", "Message: Device State Changes will follow");
            for (Map.Entry<String, String> d : states.entrySet()) {
                send("Event: DeviceStateChange", "ActionID: " + a.actionId(), "Device: " + d.getKey(),
                        "State: " + d.getValue());
            }
            send("Event: DeviceStateListComplete", "ActionID: " + a.actionId(), "EventList: Complete",
                    "ListItems: " + states.size());
        }

        @Override
        public String toString() {
            return "Session[" + port() + "#" + id + (loggedIn ? ", logged in" : "") + "]";
        }
    }

    /** A capture played as a script (see {@link Session#play}). */
    public final class Script {
        private final Session session;
        private final List<AmiCapture.Block> blocks;
        private final Set<String> expected;
        private final Map<String, String> replacements = new ConcurrentHashMap<>();
        private final Map<String, BiFunction<Action, AmiCapture.Block, Map<String, String>>> hooks =
                new ConcurrentHashMap<>();
        private final Set<String> notTheClients = ConcurrentHashMap.newKeySet();
        private final Thread thread;
        private volatile Duration actionWait = Duration.ofSeconds(10);
        private volatile String waitingFor;
        private volatile Throwable failure;
        private volatile boolean done;

        Script(Session session, List<AmiCapture.Block> blocks, Set<String> expected) {
            this.session = session;
            this.blocks = List.copyOf(blocks);
            this.expected = expected.stream().map(e -> e.toLowerCase(Locale.ROOT)).collect(
                    java.util.stream.Collectors.toUnmodifiableSet());
            this.thread = new Thread(this::run, "fake-ami-script-" + port());
            thread.setDaemon(true);
        }

        /**
         * When the client's {@code action} arrives, also replaces what {@code hook} returns (captured text to the
         * client's) in the rest of the capture, e.g. the captured uniqueid by the client's {@code ChannelId}.
         * Register before {@link #start()}.
         */
        public Script replaceOn(String action, BiFunction<Action, AmiCapture.Block, Map<String, String>> hook) {
            hooks.put(action.toLowerCase(Locale.ROOT), hook);
            return this;
        }

        /**
         * Treats the captured action with this ActionID as another client's, even if its name is expected: it is
         * skipped with its response, its events are written as captured. Register before {@link #start()}.
         */
        public Script notTheClients(String capturedActionId) {
            notTheClients.add(capturedActionId);
            return this;
        }

        public Script start() {
            for (String e : expected) {
                session.scripted.put(e, new LinkedBlockingQueue<>());
            }
            thread.start();
            return this;
        }

        /** The action the script is waiting for now, or null. */
        public String waitingFor() {
            return waitingFor;
        }

        public boolean done() {
            return done;
        }

        /** Waits for the end of the script and rethrows its failure. */
        public void await(Duration max) throws InterruptedException {
            thread.join(max.toMillis());
            if (thread.isAlive()) {
                throw new IllegalStateException("script still running (waiting for " + waitingFor + ")");
            }
            if (failure != null) {
                throw new IllegalStateException("script failed", failure);
            }
        }

        private void run() {
            try {
                Set<String> skippedIds = new java.util.HashSet<>();
                Map<String, String> answered = new LinkedHashMap<>();
                for (AmiCapture.Block b : blocks) {
                    if (session.socket.isClosed()) {
                        return;
                    }
                    if (b.direction() == AmiCapture.Direction.CLIENT) {
                        String name = b.action() == null ? "" : b.action().toLowerCase(Locale.ROOT);
                        String capturedId = b.field("ActionID");
                        boolean theirs = capturedId != null && notTheClients.contains(capturedId);
                        if (!expected.contains(name) || theirs) {
                            if (capturedId != null) {
                                skippedIds.add(capturedId);
                            }
                            continue;
                        }
                        waitingFor = b.action();
                        Action a = session.awaitScripted(name, actionWait);
                        waitingFor = null;
                        if (a == null) {
                            throw new IllegalStateException("the client did not send " + b.action());
                        }
                        if (capturedId != null && a.actionId() != null) {
                            replacements.put(capturedId, a.actionId());
                            answered.put(capturedId, a.actionId());
                        }
                        BiFunction<Action, AmiCapture.Block, Map<String, String>> hook = hooks.get(name);
                        if (hook != null) {
                            replacements.putAll(hook.apply(a, b));
                        }
                        continue;
                    }
                    String actionId = b.field("ActionID");
                    if (b.isResponse() && (actionId == null || skippedIds.contains(actionId)
                            || !answered.containsKey(actionId))) {
                        continue; // the answer to an action this client did not send
                    }
                    session.write(replace(b.text()).getBytes(StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SocketException e) {
                // the session was dropped
            } catch (Throwable t) {
                failure = t;
            } finally {
                for (String e : expected) {
                    session.scripted.remove(e);
                }
                done = true;
            }
        }

        private String replace(String text) {
            if (replacements.isEmpty()) {
                return text;
            }
            String out = text;
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                out = out.replace(": " + r.getKey() + "\r\n", ": " + r.getValue() + "\r\n");
            }
            return out;
        }
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
