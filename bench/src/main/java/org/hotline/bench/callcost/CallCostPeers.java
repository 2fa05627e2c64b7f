package org.hotline.bench.callcost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hotline.bench.load.AgentConsoles;
import org.hotline.cti.asterisk.agi.testing.CallerPlan;
import org.hotline.cti.asterisk.agi.testing.DialPlan;
import org.hotline.cti.asterisk.agi.testing.FakeAsteriskAgi;
import org.hotline.cti.asterisk.agi.testing.ScriptedCall;
import org.hotline.cti.asterisk.ami.AmiGateway;
import org.hotline.cti.asterisk.ami.testing.FakeAsteriskAmi;

/**
 * Everything around the platform in {@link CallCostBenchmark}, in a JVM of its own so that none of its work counts as
 * the platform's: Asterisk's two sides and the agents' browsers.
 * <ul>
 * <li>Asterisk Manager: a {@link FakeAsteriskAmi} the platform logs in to, listing the agents' phones as idle, and
 * sending each call's events in the shape of the PJSIP capture ({@link CallShape}) at the moments they happen;
 * {@code PlayDTMF} (the platform waking a waiting caller) reaches that caller's session.</li>
 * <li>FastAGI: a {@link FakeAsteriskAgi} placing the calls: each caller presses 2 during the greeting (the repair
 * queue), is dialled to an agent whose phone rings for the given time and answers (the answered gosub's session
 * included), talks for the given time, and the agent hangs up.</li>
 * <li>The agents' consoles: logged in, READY, each holding its WebSocket open to receive the screen-pops.</li>
 * </ul>
 * Driven over standard input, one line each: {@code platform <agiPort> <httpPort> <password> <agents>}, then
 * {@code round <n> <calls> <rate> <ringMs> <talkMs>} any number of times; it answers on standard output with
 * {@code ami <port>} at its start, {@code agents <n>} and {@code round <n> <placed> <answered> <ended> <problems>
 * <what>}, and stops when standard input closes.
 */
public final class CallCostPeers {
    static final String AMI_USER = "hotline";
    static final String AGENT_PREFIX = "cc";
    private static final Duration CALL_LIMIT = Duration.ofSeconds(120);

    private final FakeAsteriskAmi ami;
    private final CallShape shape = CallShape.fromCapture(AmiGateway.eventsHandled());
    private final Map<String, ScriptedCall> byChannel = new ConcurrentHashMap<>();
    private final AtomicInteger wakeUps = new AtomicInteger();
    private final List<WebSocket> consoles = new ArrayList<>();
    private final PrintStream out;
    private FakeAsteriskAgi agi;
    private FakeAsteriskAmi.Session session;
    private long callNumber;

    private CallCostPeers(String secret, int agents, PrintStream out) throws IOException {
        this.out = out;
        ami = new FakeAsteriskAmi(AMI_USER, secret);
        Map<String, String> phones = new LinkedHashMap<>();
        for (int k = 1; k <= agents; k++) {
            phones.put("PJSIP/" + agentName(k), "NOT_INUSE");
        }
        ami.devices(phones);
        ami.respond("PlayDTMF", (s, a) -> {
            ScriptedCall call = byChannel.get(String.valueOf(a.get("Channel")));
            if (call == null) {
                s.respond(a, "Error", "Message: Channel not found");
                return;
            }
            String digit = String.valueOf(a.get("Digit"));
            if (!digit.isEmpty() && call.receiveDtmf(digit.charAt(0))) {
                wakeUps.incrementAndGet();
            }
            s.respond(a, "Success", "Message: DTMF successfully queued");
        });
    }

    /** The n-th agent's user name (its phone is {@code PJSIP/<name>}). */
    static String agentName(int n) {
        return String.format(Locale.ROOT, "%s%04d", AGENT_PREFIX, n);
    }

    /** The n-th caller's number (the benchmark makes every odd one a known customer). */
    static String callerNumber(long n) {
        return String.format(Locale.ROOT, "139%08d", n % 100_000_000);
    }

    /** {@code <amiSecret> <agents>}; see the class comment. */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        CallCostPeers peers = new CallCostPeers(args[0], Integer.parseInt(args[1]), out);
        out.println("ami " + peers.ami.port());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] p = line.trim().split(" ");
                switch (p[0]) {
                    case "platform" -> peers.platform(Integer.parseInt(p[1]), Integer.parseInt(p[2]), p[3],
                            Integer.parseInt(p[4]));
                    case "round" -> peers.round(Integer.parseInt(p[1]), Integer.parseInt(p[2]),
                            Double.parseDouble(p[3]), Duration.ofMillis(Long.parseLong(p[4])),
                            Duration.ofMillis(Long.parseLong(p[5])));
                    default -> out.println("error unknown command " + p[0]);
                }
            }
        } finally {
            peers.close();
        }
    }

    private void platform(int agiPort, int httpPort, String password, int agents) throws Exception {
        session = ami.session(Duration.ofSeconds(60));
        agi = new FakeAsteriskAgi("127.0.0.1", agiPort);
        AgentConsoles browser = new AgentConsoles();
        String base = "http://127.0.0.1:" + httpPort;
        int ready = 0;
        for (int k = 1; k <= agents; k++) {
            AgentConsoles.Console c = browser.open(base, agentName(k), password, new Drain());
            consoles.add(c.socket());
            if (browser.ready(c) == 200) {
                ready++;
            }
        }
        out.println("agents " + ready);
    }

    /** One call's outcome, as the caller's side saw it. */
    private record Outcome(boolean answered, String problem) {
    }

    private void round(int round, int calls, double rate, Duration ring, Duration talk) throws InterruptedException {
        List<Thread> threads = new ArrayList<>(calls);
        List<AtomicReference<Outcome>> outcomes = new ArrayList<>(calls);
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long n = ++callNumber;
            AtomicReference<Outcome> outcome = new AtomicReference<>();
            outcomes.add(outcome);
            threads.add(Thread.ofVirtual().name("call-cost-call-" + n).start(() -> outcome.set(call(n, ring, talk))));
        }
        long deadline = System.nanoTime() + CALL_LIMIT.toNanos(); // for the round, not for each call
        for (Thread t : threads) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        int answered = 0;
        int ended = 0;
        int problems = 0;
        String first = "-";
        for (AtomicReference<Outcome> o : outcomes) {
            Outcome r = o.get();
            if (r == null) {
                continue;
            }
            ended++;
            if (r.answered()) {
                answered++;
            }
            if (r.problem() != null) {
                if (problems++ == 0) {
                    first = r.problem().replace('\n', ' ');
                }
            }
        }
        out.println("round " + round + " " + calls + " " + answered + " " + ended + " " + problems + " " + first);
    }

    /** One caller, from its channel's creation to its hang-up. */
    private Outcome call(long n, Duration ring, Duration talk) {
        // the fake names the answered leg's channel <caller's uniqueid>9: callers' ids end in 0, so none is a leg's
        String uniqueid = "1797000000." + (10 * n);
        CallShape.Names names = new CallShape.Names(
                String.format(Locale.ROOT, "PJSIP/trunk-%08x", n), uniqueid,
                callerNumber(n), "", "", uniqueid + "9",
                String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", n, n));
        AtomicReference<CallShape.Names> withAgent = new AtomicReference<>(names);
        CallerPlan.DialObserver toAmi = new CallerPlan.DialObserver() {
            @Override
            public void ringing(String device, String agentChannel) {
                withAgent.set(names.withAgent(device, agentChannel));
                send(CallShape.Moment.RINGING, withAgent.get());
            }

            @Override
            public void answered(String device, String agentChannel) {
                send(CallShape.Moment.ANSWERED, withAgent.get());
            }

            @Override
            public void conversationOver(String device, String agentChannel) {
                send(CallShape.Moment.AGENT_HUNG_UP, withAgent.get());
            }
        };
        send(CallShape.Moment.ARRIVAL, names);
        ScriptedCall call = agi.call(CallerPlan.caller(uniqueid)
                .channel(names.callerChannel())
                .callerId(names.callerNumber())
                .requestPath("hotline?flow=main")
                .keys("2")
                .dial(DialPlan.answeredAfter(ring).talkingFor(talk))
                .agentChannelSuffix(String.format(Locale.ROOT, "%08x", n))
                .timeoutWaitCap(Duration.ofSeconds(30))
                .readTimeout(CALL_LIMIT)
                .onDial(toAmi)
                .build());
        byChannel.put(names.callerChannel(), call);
        try {
            boolean ended = call.awaitEnd(CALL_LIMIT);
            send(CallShape.Moment.CALLER_HUNG_UP, withAgent.get());
            boolean answered = call.answeredLeg().isPresent() && "ANSWER".equals(call.variables().get("DIALSTATUS"));
            String problem = !ended ? "call " + uniqueid + " still up after " + CALL_LIMIT
                    : call.problem() != null ? call.problem()
                    : answered ? null : "call " + uniqueid + " not answered: " + call.commands();
            return new Outcome(answered, problem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted");
        } finally {
            byChannel.remove(names.callerChannel());
            call.close();
        }
    }

    private void send(CallShape.Moment moment, CallShape.Names names) {
        if (moment != CallShape.Moment.ARRIVAL && moment != CallShape.Moment.CALLER_HUNG_UP
                && names.agentChannel().isEmpty()) {
            return;
        }
        try {
            session.sendRaw(shape.events(moment, names));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the platform's AMI connection is gone", e);
        }
    }

    private void close() throws IOException {
        consoles.forEach(WebSocket::abort);
        if (agi != null) {
            agi.close();
        }
        ami.close();
    }

    /** A console's socket reader that takes every message and keeps none. */
    private static final class Drain implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            ws.request(1);
            return null;
        }
    }
}
