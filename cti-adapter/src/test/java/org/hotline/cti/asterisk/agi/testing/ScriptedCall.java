package org.hotline.cti.asterisk.agi.testing;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One FastAGI session played by {@link FakeAsteriskAgi} from a {@link CallerPlan}: it connects, sends the environment
 * and answers every command like Asterisk 20 would, on its own virtual thread, until the platform closes the
 * connection (or the plan's read timeout passes without a command). It records every command received.
 */
public final class ScriptedCall implements AutoCloseable {
    /** Keys queued on the channel from outside, for the WAIT FOR DIGIT in progress (guarded by itself). */
    private final java.util.ArrayDeque<Character> received = new java.util.ArrayDeque<>();
    private boolean waitingForDigit;
    private int droppedDtmf;
    private static final int MAX_COMMANDS = 100_000;
    private static final Duration MAX_CONVERSATION = Duration.ofSeconds(60);
    private static final Pattern GOSUB = Pattern.compile("U\\(([^)^]+)\\^([^)]*)\\)");
    private static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine\n";

    private final FakeAsteriskAgi fake;
    private final CallerPlan plan;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    private final Deque<String> keys;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch conversationOver = new CountDownLatch(1);
    private final List<String> dialed = new CopyOnWriteArrayList<>();
    private volatile PeerConnection connection;
    private volatile Thread thread;
    private volatile boolean closedByTest;
    private volatile boolean endedByPlatform;
    private volatile boolean dead;
    private volatile boolean dialReplied;
    private volatile String problem;
    private volatile ScriptedCall answeredLeg;
    private boolean hangupLinePending;

    ScriptedCall(FakeAsteriskAgi fake, CallerPlan plan) {
        this.fake = fake;
        this.plan = plan;
        this.keys = new ArrayDeque<>(plan.keys());
        this.variables.putAll(plan.variables());
    }

    void start() {
        thread = Thread.ofVirtual().name("fake-asterisk-" + plan.uniqueId()).start(this::run);
    }

    private void run() {
        try (PeerConnection c = PeerConnection.open(fake.host(), fake.port(), plan.readTimeout())) {
            connection = c;
            if (closedByTest) {
                return;
            }
            for (String chunk : plan.environmentChunks(fake.host(), fake.port())) {
                c.send(chunk);
            }
            for (int n = 1; n <= MAX_COMMANDS; n++) {
                String line = c.readLine();
                if (line == null) {
                    endedByPlatform = true;
                    return;
                }
                commands.add(line);
                List<String> reply = respond(line, n);
                if (reply == null) {
                    return;
                }
                for (String chunk : reply) {
                    c.send(chunk);
                }
            }
            problem = "more than " + MAX_COMMANDS + " commands";
        } catch (SocketTimeoutException e) {
            problem = "no command from the platform within " + plan.readTimeout() + " (after " + commands + ")";
        } catch (IOException e) {
            if (!closedByTest) {
                // a reset after the platform closed its end counts as the platform ending the session
                endedByPlatform = true;
            }
        } catch (InterruptedException | InterruptedExceptionWrapper e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    /** The chunks to send in reply to command {@code n}, or null to close the connection. */
    private List<String> respond(String line, int n) throws InterruptedException {
        String raw = plan.rawReplyAt(n);
        if (raw != null) {
            return List.of(raw);
        }
        if (plan.silentAt(n)) {
            return List.of();
        }
        List<String> args = AgiArgs.split(line);
        String verb = verb(args);
        if (dead) {
            List<String> out = new ArrayList<>();
            if (hangupLinePending) {
                out.add("HANGUP\n");
                hangupLinePending = false;
            }
            out.add(deadReply(verb, args));
            return out;
        }
        boolean takesKeys = verb.equals("STREAM FILE") || verb.equals("GET DATA") || verb.equals("WAIT FOR DIGIT");
        if (n == plan.hangupAtCommand() || (takesKeys && CallerPlan.HANGUP.equals(keys.peek()))) {
            if (takesKeys && CallerPlan.HANGUP.equals(keys.peek())) {
                keys.poll();
            }
            return hangUp(verb, args);
        }
        return List.of(aliveReply(verb, args));
    }

    private static String verb(List<String> args) {
        if (args.isEmpty()) {
            return "";
        }
        String first = args.get(0).toUpperCase(Locale.ROOT);
        String second = args.size() > 1 ? args.get(1).toUpperCase(Locale.ROOT) : "";
        String third = args.size() > 2 ? args.get(2).toUpperCase(Locale.ROOT) : "";
        return switch (first) {
            case "STREAM", "GET", "SAY", "SET", "CHANNEL", "DATABASE", "CONTROL", "RECORD" ->
                    first.equals("GET") && second.equals("FULL") ? "GET FULL VARIABLE" : first + " " + second;
            case "WAIT" -> first + " " + second + " " + third;
            default -> first;
        };
    }

    /** How many arguments the verb takes before its own arguments start. */
    private static int verbWords(String verb) {
        return verb.isEmpty() ? 0 : verb.split(" ").length;
    }

    private List<String> hangUp(String verb, List<String> args) throws InterruptedException {
        sleep(plan.hangupDelay());
        String reply = switch (verb) {
            case "STREAM FILE" -> "200 result=-1 endpos=30560\n";
            case "WAIT FOR DIGIT", "GET DATA", "SAY DIGITS", "SAY NUMBER", "ANSWER", "EXEC" -> "200 result=-1\n";
            default -> aliveReply(verb, args);
        };
        dead = true;
        return switch (plan.hangupStyle()) {
            case RESULT_THEN_HANGUP_LINE -> {
                hangupLinePending = true;
                yield List.of(reply);
            }
            case RESULT_WITH_HANGUP_LINE -> List.of(reply + "HANGUP\n");
            case HANGUP_LINE_FIRST -> List.of("HANGUP\n", reply);
            case CLOSE_CONNECTION -> null;
        };
    }

    private String deadReply(String verb, List<String> args) {
        return switch (verb) {
            case "GET VARIABLE", "GET FULL VARIABLE", "SET VARIABLE" -> aliveReply(verb, args);
            case "EXEC" -> "200 result=0\n";
            case "DATABASE PUT", "DATABASE GET", "DATABASE DEL", "VERBOSE", "NOOP" -> aliveReply(verb, args);
            default -> DEAD;
        };
    }

    private String aliveReply(String verb, List<String> args) {
        List<String> a = args.subList(Math.min(args.size(), verbWords(verb)), args.size());
        return switch (verb) {
            case "ANSWER" -> "200 result=0\n";
            case "STREAM FILE" -> streamFile(a);
            case "GET DATA" -> getData(a);
            case "WAIT FOR DIGIT" -> waitForDigit(a);
            case "SAY DIGITS", "SAY NUMBER" -> "200 result=0\n";
            case "SET VARIABLE" -> {
                if (a.size() < 2) {
                    yield "520 Invalid command syntax.  Proper usage not available.\n";
                }
                variables.put(a.get(0), a.get(1));
                yield "200 result=1\n";
            }
            case "GET VARIABLE" -> {
                String value = a.isEmpty() ? null : variables.get(a.get(0));
                yield value == null ? "200 result=0\n" : "200 result=1 (" + value + ")\n";
            }
            case "GET FULL VARIABLE" -> "200 result=1 (" + substitute(a.isEmpty() ? "" : a.get(0)) + ")\n";
            case "EXEC" -> exec(a);
            case "HANGUP" -> {
                dead = true;
                hangupLinePending = true;
                yield "200 result=1\n";
            }
            case "VERBOSE" -> "200 result=1\n";
            case "NOOP" -> "200 result=0\n";
            case "CHANNEL STATUS" -> "200 result=6\n";
            default -> "510 Invalid or unknown command\n";
        };
    }

    /** Lets {@link #aliveReply} wait (Dial, timeouts) without declaring InterruptedException in every arm. */
    private static final class InterruptedExceptionWrapper extends RuntimeException {
        InterruptedExceptionWrapper(InterruptedException cause) {
            super(cause);
        }
    }

    private String streamFile(List<String> a) {
        // the caller presses no D (no keypad has it: it is the platform's wake-up key), so a prompt whose only escape
        // is D takes none of the caller's keys
        String escape = (a.size() > 1 ? a.get(1) : "").replace("D", "");
        if (escape.isEmpty() || keys.isEmpty()) {
            return "200 result=0 endpos=8000\n";
        }
        String entry = keys.poll();
        if (entry.length() == 1 && escape.indexOf(entry.charAt(0)) >= 0) {
            return "200 result=" + (int) entry.charAt(0) + " endpos=4000\n";
        }
        return "200 result=0 endpos=8000\n";
    }

    private String getData(List<String> a) {
        int max = a.size() > 2 ? parseInt(a.get(2), 1024) : 1024;
        long timeout = a.size() > 1 ? parseInt(a.get(1), 0) : 0;
        String entry = keys.poll();
        if (entry == null || entry.equals(CallerPlan.TIMEOUT)) {
            pause(timeout);
            return "200 result= (timeout)\n";
        }
        int hash = entry.indexOf('#');
        String typed = hash >= 0 ? entry.substring(0, hash) : entry;
        if (typed.length() >= max) {
            return "200 result=" + typed.substring(0, max) + "\n";
        }
        if (hash >= 0) {
            return "200 result=" + typed + "\n";
        }
        pause(timeout);
        return "200 result=" + typed + " (timeout)\n";
    }

    private String waitForDigit(List<String> a) {
        long timeout = a.isEmpty() ? 0 : parseInt(a.get(0), 0);
        String entry = keys.poll();
        if (entry == null || entry.equals(CallerPlan.TIMEOUT) || entry.isEmpty()) {
            Character queued = awaitReceived(timeout);
            return "200 result=" + (queued == null ? 0 : (int) queued) + "\n";
        }
        return "200 result=" + (int) entry.charAt(0) + "\n";
    }

    /**
     * A key queued on the channel from outside (AMI {@code PlayDTMF} with {@code Receive: true}), as Asterisk treats
     * it: a WAIT FOR DIGIT in progress returns it; at any other time res_agi reads and drops it.
     *
     * @return whether a wait took it
     */
    public boolean receiveDtmf(char digit) {
        synchronized (received) {
            if (!waitingForDigit) {
                droppedDtmf++;
                return false;
            }
            received.add(digit);
            received.notifyAll();
            return true;
        }
    }

    /** Keys queued from outside that no wait took (res_agi dropped them between two commands). */
    public int droppedDtmf() {
        synchronized (received) {
            return droppedDtmf;
        }
    }

    private Character awaitReceived(long requestedMillis) {
        long millis = Math.min(Math.max(0, requestedMillis), plan.timeoutWaitCap().toMillis());
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (received) {
            waitingForDigit = true;
            try {
                while (received.isEmpty()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    received.wait(Math.max(1, left / 1_000_000L));
                }
                return received.poll();
            } catch (InterruptedException e) {
                throw new InterruptedExceptionWrapper(e);
            } finally {
                waitingForDigit = false;
            }
        }
    }

    private void pause(long requestedMillis) {
        long millis = Math.min(Math.max(0, requestedMillis), plan.timeoutWaitCap().toMillis());
        try {
            sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            throw new InterruptedExceptionWrapper(e);
        }
    }

    private String substitute(String expression) {
        Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(expression);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String exec(List<String> a) {
        String application = a.isEmpty() ? "" : a.get(0);
        String argument = a.size() > 1 ? a.get(1) : "";
        if (application.equalsIgnoreCase("Dial")) {
            try {
                return dial(argument);
            } catch (InterruptedException e) {
                throw new InterruptedExceptionWrapper(e);
            }
        }
        return "200 result=0\n";
    }

    private String dial(String argument) throws InterruptedException {
        dialed.add(argument);
        DialPlan dial = plan.dial();
        String[] parts = argument.split(",", 3);
        String device = parts[0];
        Matcher gosub = GOSUB.matcher(parts.length > 2 ? parts[2] : "");
        String agentChannel = plan.agentChannel(device);
        CallerPlan.DialObserver observer = plan.dialObserver();
        observer.ringing(device, agentChannel);
        sleep(dial.ringFor());
        switch (dial.outcome()) {
            case ANSWERED -> {
                if (gosub.find()) {
                    ScriptedCall leg = fake.answeredSessions().call(answeredLegPlan(device, agentChannel, gosub.group(1),
                            gosub.group(2)));
                    answeredLeg = leg;
                    if (!leg.awaitEnd(plan.readTimeout())) {
                        problem = "the answered session did not end within " + plan.readTimeout();
                    }
                }
                observer.answered(device, agentChannel);
                if (dial.conversation() == null) {
                    if (!conversationOver.await(MAX_CONVERSATION.toMillis(), TimeUnit.MILLISECONDS)) {
                        problem = "the test never ended the conversation";
                    }
                } else {
                    sleep(dial.conversation());
                }
                observer.conversationOver(device, agentChannel);
                variables.put("DIALSTATUS", "ANSWER");
                dialReplied = true;
                if (dial.callerEndsIt()) {
                    dead = true;
                    hangupLinePending = true;
                    return "200 result=-1\n";
                }
                return "200 result=0\n";
            }
            case ANSWERED_WITHOUT_SIGNAL -> {
                variables.put("DIALSTATUS", "ANSWER");
                dialReplied = true;
                return "200 result=0\n";
            }
            case NOT_CONNECTED -> {
                variables.put("DIALSTATUS", dial.dialStatus());
                dialReplied = true;
                return "200 result=0\n";
            }
            case CALLER_HANGS_UP -> {
                variables.put("DIALSTATUS", "CANCEL");
                dead = true;
                hangupLinePending = true;
                dialReplied = true;
                return "200 result=-1\n";
            }
        }
        throw new IllegalStateException("unknown dial outcome " + dial.outcome());
    }

    /** The short session the answered gosub opens on the agent's channel. */
    private CallerPlan answeredLegPlan(String device, String agentChannel, String context, String callId) {
        String path = "answered?call=" + callId;
        return CallerPlan.caller(plan.uniqueId() + "9")
                .requestPath(path)
                .channel(agentChannel)
                .callerId(device.substring(device.indexOf('/') + 1))
                .callerIdName("Agent")
                .context(context)
                .extension("s")
                .dnid("unknown")
                .env("priority", "1")
                .args(callId)
                .readTimeout(plan.readTimeout())
                .build();
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (!duration.isZero() && !duration.isNegative()) {
            Thread.sleep(duration.toMillis());
        }
    }

    private static int parseInt(String text, int fallback) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The commands the platform sent, in order (without LF). */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** The argument of each {@code EXEC Dial} received (e.g. {@code PJSIP/1001,20,tU(hotline-answered^id)}). */
    public List<String> dialed() {
        return List.copyOf(dialed);
    }

    /** Waits for the session to end (the platform closed it, the fake closed it, or the read timeout passed). */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isEnded() {
        return ended.getCount() == 0;
    }

    /** Whether the platform closed the connection (as opposed to the fake giving up or hanging up by closing). */
    public boolean endedByPlatform() {
        return endedByPlatform;
    }

    /** Whether the caller's channel is dead (hung up by the caller, the platform or at the end of the Dial). */
    public boolean channelDead() {
        return dead;
    }

    /** Whether the fake has replied to the EXEC Dial (the Dial returned). */
    public boolean dialReplied() {
        return dialReplied;
    }

    /** The {@code answered} session opened on the agent's channel, once the agent answered. */
    public Optional<ScriptedCall> answeredLeg() {
        return Optional.ofNullable(answeredLeg);
    }

    /** Ends a conversation held by {@link DialPlan#answeredAfter}: the Dial returns. */
    public void endConversation() {
        conversationOver.countDown();
    }

    /** The channel variables as the fake holds them (set by the plan and by SET VARIABLE). */
    public Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    /** Something that went wrong in the fake itself (a read timeout, a missing end of conversation), or null. */
    public String problem() {
        return problem;
    }

    public String uniqueId() {
        return plan.uniqueId();
    }

    /** Closes the connection (if still open) and waits up to 5 s for the session thread. */
    @Override
    public void close() {
        closedByTest = true;
        conversationOver.countDown();
        PeerConnection c = connection;
        if (c != null) {
            c.close();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "ScriptedCall[" + plan.uniqueId() + " " + commands + "]";
    }
}
