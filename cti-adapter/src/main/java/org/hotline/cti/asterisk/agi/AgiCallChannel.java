package org.hotline.cti.asterisk.agi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.hotline.cti.asterisk.ChannelWakeUps;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.telephony.CallChannel;
import org.hotline.platform.telephony.CallInfo;
import org.hotline.platform.telephony.CallerHangupException;
import org.hotline.platform.telephony.ConnectResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's {@link CallChannel} over one FastAGI session (the session's socket, through {@link AgiLink}; see
 * there why not through {@code AgiChannel.sendCommand}).
 *
 * <table>
 * <caption>Commands</caption>
 * <tr><th>port method</th><th>AGI command</th><th>result</th></tr>
 * <tr><td>answer</td><td>{@code ANSWER}</td><td></td></tr>
 * <tr><td>play</td><td>{@code STREAM FILE <prompt> "<escape digits>"}</td><td>the key (from its ASCII code) or 0</td></tr>
 * <tr><td>collectDigits</td><td>{@code GET DATA <prompt> <timeout ms> <max digits>}</td><td>the digits, "" on
 * timeout</td></tr>
 * <tr><td>waitForDigit</td><td>{@code WAIT FOR DIGIT <ms>}</td><td>the key or 0</td></tr>
 * <tr><td>sayDigits / sayNumber</td><td>{@code SAY DIGITS} / {@code SAY NUMBER}</td><td></td></tr>
 * <tr><td>setVariable</td><td>{@code SET VARIABLE <name> "<value>"} (null sets "")</td><td></td></tr>
 * <tr><td>getVariable</td><td>{@code GET VARIABLE <name>}, or {@code GET FULL VARIABLE "<expr>"} for an
 * expression containing {@code ${}</td><td>the value, null when unset</td></tr>
 * <tr><td>start/stopMusicOnHold</td><td>{@code EXEC StartMusicOnHold [class]} / {@code EXEC StopMusicOnHold}</td>
 * <td></td></tr>
 * <tr><td>connect</td><td>{@code EXEC Dial "<device>,<ring s>,tU(hotline-answered^<call id>)"} on a Dial
 * thread</td><td>see {@link #connect}</td></tr>
 * <tr><td>hangup</td><td>{@code HANGUP}</td><td></td></tr>
 * </table>
 *
 * <p><b>Caller hang-up.</b> A {@code HANGUP} line (wherever it arrives), a {@code 511} dead-channel reply,
 * {@code result=-1} from a command that waits on the caller, the end of the stream, a socket error or a read timeout
 * all end the call for us: the command throws {@link CallerHangupException} and so does every later one, at once and
 * without touching the connection. Nothing is logged above DEBUG for an ordinary hang-up.
 *
 * <p><b>Protocol errors.</b> A reply that is not AGI (no status code, a non-numeric result where a number is due)
 * throws {@link AgiProtocolException}, logged once at ERROR; the channel is then FAILED and every later command
 * throws it again: the server ends the session with {@code AJ_AGISTATUS=FAILED} so the dialplan falls back to its
 * queue. A command Asterisk refuses (510/520) throws {@link AgiProtocolException} but leaves the channel usable.
 *
 * <p>States and their transitions: {@link AgiChannelState}. One handler thread issues the commands; only the Dial
 * thread of {@link #connect} uses the connection besides it, and only while the handler waits in {@code connect}.
 */
public final class AgiCallChannel implements CallChannel {
    /**
     * The dialplan context {@link #connect} names in Dial's {@code U(<context>^<call id>)} option: Asterisk runs it
     * as {@code Gosub(<context>,s,1(<call id>))} on the agent's channel when the agent answers. The dialplan must
     * define it (docker/asterisk/extensions.conf; checked by the app module's AsteriskConfigContractTest).
     */
    public static final String ANSWERED_CONTEXT = AgiCommands.ANSWERED_CONTEXT;
    /**
     * The options {@link #connect} gives Dial besides {@code U()}: {@code t}, so that the agent (the called party)
     * may transfer with the features.conf codes, which AMI {@code Atxfer} relies on; the caller gets no feature
     * (see {@code AgiCommands.DIAL_FEATURE_OPTIONS}). docker/asterisk/features.conf must define the codes (checked by
     * the app module's AsteriskConfigContractTest).
     */
    public static final String DIAL_FEATURE_OPTIONS = AgiCommands.DIAL_FEATURE_OPTIONS;

    private static final Logger LOG = LoggerFactory.getLogger(AgiCallChannel.class);

    private final CallInfo info;
    private final AgiLink link;
    private final Dials dials;
    private final WaitWakeUp wakeUp;
    private final AtomicReference<AgiChannelState> state = new AtomicReference<>(AgiChannelState.ACTIVE);
    private volatile Thread dialThread;
    private volatile AgiProtocolException failure;

    AgiCallChannel(CallInfo info, AgiLink link, Dials dials) {
        this(info, link, dials, ChannelWakeUps.NONE);
    }

    AgiCallChannel(CallInfo info, AgiLink link, Dials dials, ChannelWakeUps wakeUps) {
        this.info = Objects.requireNonNull(info, "info");
        this.link = Objects.requireNonNull(link, "link");
        this.dials = Objects.requireNonNull(dials, "dials");
        this.wakeUp = new WaitWakeUp(info, Objects.requireNonNull(wakeUps, "wakeUps"));
    }

    @Override
    public CallInfo info() {
        return info;
    }

    @Override
    public void answer() {
        String command = AgiCommands.answer();
        if (resultCode(command, command(command)) < 0) {
            throw hungUp(command + " returned -1");
        }
    }

    @Override
    public char play(String prompt, String escapeDigits) {
        // where the channel can be woken, the wake-up's key cuts the prompt short too (a queue's prompt, once an
        // agent is free), and a wake-up that came before skips it
        boolean wakeable = wakeUp.available();
        if (wakeable && !wakeUp.begin()) {
            return 0;
        }
        String escape = (escapeDigits == null ? "" : escapeDigits) + (wakeable ? String.valueOf(ChannelWakeUps.KEY) : "");
        String command = AgiCommands.streamFile(prompt, escape);
        char key;
        try {
            key = played(prompt, command);
        } catch (RuntimeException e) {
            wakeUp.aborted();
            throw e;
        }
        return wakeable ? wakeUp.ended(key) : key;
    }

    private char played(String prompt, String command) {
        AgiResponse reply = command(command);
        if (resultCode(command, reply) == -1 && "0".equals(reply.attribute("endpos")) && !link.hangupSeen()) {
            // Asterisk could not open the sound file (nothing was played): not a hang-up. A caller who really left
            // is seen by the next command (HANGUP line or 511).
            if (MISSING_PROMPTS.add(prompt)) {
                LOG.warn("call {}: prompt '{}' could not be played (sound file missing on Asterisk?)",
                        info.callId(), prompt);
            }
            return 0;
        }
        return key(command, reply);
    }

    /** Prompts already reported missing, so that each is logged once, not once per call. */
    private static final java.util.Set<String> MISSING_PROMPTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public String collectDigits(String prompt, Duration timeout, int maxDigits) {
        if (maxDigits < 1) {
            throw new ValidationException("maxDigits", "maxDigits must be at least 1");
        }
        String command = AgiCommands.getData(prompt, millis(timeout), maxDigits);
        AgiResponse reply = command(command);
        String digits = reply.result();
        if (digits.equals("-1")) {
            throw hungUp(command + " returned -1");
        }
        if (!digits.chars().allMatch(AgiCallChannel::isKey)) {
            throw fail(new AgiProtocolException("malformed reply from Asterisk to '" + command + "': '"
                    + AgiProtocolException.excerpt(reply.firstLine()) + "'"));
        }
        return digits;
    }

    @Override
    public char waitForDigit(Duration timeout) {
        String command = AgiCommands.waitForDigit(millis(timeout));
        if (!wakeUp.begin()) {
            return 0; // woken before the wait began: no round trip
        }
        char key;
        try {
            key = key(command, command(command));
        } catch (RuntimeException e) {
            wakeUp.aborted();
            throw e;
        }
        return wakeUp.ended(key);
    }

    /**
     * Where the switch's link can queue a key on the channel ({@link ChannelWakeUps}, {@link WaitWakeUp}); the call
     * must have a channel and a uniqueid (a session always has).
     */
    @Override
    public boolean wakeable() {
        return wakeUp.available();
    }

    @Override
    public void wake() {
        wakeUp.wake();
    }

    @Override
    public void clearWake() {
        wakeUp.clear();
    }

    @Override
    public void sayDigits(String digits) {
        String command = AgiCommands.sayDigits(digits);
        if (resultCode(command, command(command)) < 0) {
            throw hungUp(command + " returned -1");
        }
    }

    @Override
    public void sayNumber(long number) {
        String command = AgiCommands.sayNumber(number);
        if (resultCode(command, command(command)) < 0) {
            throw hungUp(command + " returned -1");
        }
    }

    @Override
    public void setVariable(String name, String value) {
        command(AgiCommands.setVariable(name, value));
    }

    @Override
    public String getVariable(String name) {
        String command = AgiCommands.getVariable(name);
        AgiResponse reply = command(command);
        return switch (reply.result()) {
            case "1" -> reply.extra() == null ? "" : reply.extra();
            case "0" -> null;
            default -> throw fail(new AgiProtocolException("malformed reply from Asterisk to '" + command + "': '"
                    + AgiProtocolException.excerpt(reply.firstLine()) + "'"));
        };
    }

    @Override
    public void startMusicOnHold(String mohClass) {
        String command = AgiCommands.startMusicOnHold(mohClass);
        if (resultCode(command, command(command)) < 0) {
            throw hungUp(command + " returned -1");
        }
    }

    @Override
    public void stopMusicOnHold() {
        String command = AgiCommands.stopMusicOnHold();
        if (resultCode(command, command(command)) < 0) {
            throw hungUp(command + " returned -1");
        }
    }

    /**
     * Rings {@code device} through Asterisk's Dial, sent from a background virtual thread so that this call can
     * return the moment the agent answers while the Dial (the conversation) goes on inside Asterisk:
     * <ul>
     * <li>the {@code hotline-answered} gosub's {@code answered?call=<id>} session arrives → {@link
     * ConnectResult#ANSWERED} at once; the channel is then CONNECTED and the session ends only when the Dial
     * returns ({@link #awaitDialEnd()});</li>
     * <li>the Dial returns first → {@code DIALSTATUS} decides: ANSWER → ANSWERED (the answer was seen late: logged
     * once), NOANSWER/CANCEL → NO_ANSWER, BUSY/CONGESTION → BUSY, CHANUNAVAIL and anything else → UNAVAILABLE;
     * if the caller hung up while the device rang, {@link CallerHangupException}.</li>
     * </ul>
     * The ring timeout is sent in whole seconds, rounded up, at least 1.
     */
    @Override
    public ConnectResult connect(String device, Duration ringTimeout) {
        requireActive();
        long ringMillis = millis(ringTimeout);
        long ringSeconds = Math.max(1, (ringMillis + 999) / 1000);
        String dial = AgiCommands.dial(device, ringSeconds, info.callId());
        transition(AgiChannelState.ACTIVE, AgiChannelState.DIALING);
        CompletableFuture<Void> answered = dials.begin(info.callId());
        CompletableFuture<DialOutcome> returned = new CompletableFuture<>();
        try {
            Thread thread = Thread.ofVirtual().name("agi-dial-" + info.callId())
                    .unstarted(() -> runDial(dial, answered, returned));
            dialThread = thread;
            thread.start();
        } catch (RuntimeException | Error e) {
            dials.end(info.callId(), answered);
            transition(AgiChannelState.DIALING, AgiChannelState.ACTIVE);
            throw e;
        }
        CompletableFuture.anyOf(answered, returned).join();
        if (answered.isDone()) {
            transition(AgiChannelState.DIALING, AgiChannelState.CONNECTED);
            LOG.debug("call {}: {} answered", info.callId(), device);
            return ConnectResult.ANSWERED;
        }
        return afterDial(dial, device, returned.join());
    }

    /** What the Dial thread saw: the Dial's reply and DIALSTATUS, a lost connection or a malformed reply. */
    private sealed interface DialOutcome {
        record Returned(AgiResponse reply, String dialStatus) implements DialOutcome {
        }

        record Lost(AgiConnectionLostException cause) implements DialOutcome {
        }

        record Malformed(AgiProtocolException cause) implements DialOutcome {
        }
    }

    /** The Dial thread: owns the connection from {@code EXEC Dial} until Asterisk's Dial returns. */
    private void runDial(String dial, CompletableFuture<Void> answered, CompletableFuture<DialOutcome> returned) {
        try {
            AgiResponse reply = link.send(dial);
            if (answered.isDone()) {
                LOG.debug("call {}: conversation over, Dial returned '{}'", info.callId(), reply.firstLine());
                returned.complete(new DialOutcome.Returned(reply, "ANSWER"));
                return;
            }
            String dialStatus = null;
            if (reply.status() == AgiResponse.SUCCESS) {
                String command = AgiCommands.dialStatus();
                AgiResponse status = link.send(command);
                if (status.status() == AgiResponse.SUCCESS && status.result().equals("1")) {
                    dialStatus = status.extra();
                }
            }
            returned.complete(new DialOutcome.Returned(reply, dialStatus));
        } catch (AgiConnectionLostException e) {
            if (answered.isDone()) {
                LOG.debug("call {}: FastAGI connection ended during the conversation: {}", info.callId(),
                        e.getMessage());
            }
            returned.complete(new DialOutcome.Lost(e));
        } catch (AgiProtocolException e) {
            returned.complete(new DialOutcome.Malformed(e));
        } catch (RuntimeException | Error e) {
            returned.completeExceptionally(e);
            throw e;
        } finally {
            dials.end(info.callId(), answered);
        }
    }

    private ConnectResult afterDial(String dial, String device, DialOutcome outcome) {
        return switch (outcome) {
            case DialOutcome.Lost lost -> throw connectionLost(lost.cause());
            case DialOutcome.Malformed malformed -> throw fail(malformed.cause());
            case DialOutcome.Returned returned -> {
                AgiResponse reply = returned.reply();
                ConnectResult result = Dials.resultOf(returned.dialStatus());
                if (result == ConnectResult.ANSWERED) {
                    LOG.warn("call {}: {} answered but no answered signal came (is the {} context in the dialplan?);"
                            + " the answer is reported only now that the Dial returned", info.callId(), device,
                            AgiCommands.ANSWERED_CONTEXT);
                    transition(AgiChannelState.DIALING, AgiChannelState.CONNECTED);
                    yield ConnectResult.ANSWERED;
                }
                boolean callerGone = reply.status() == AgiResponse.DEAD_CHANNEL || link.hangupSeen()
                        || (reply.status() == AgiResponse.SUCCESS && reply.result().equals("-1"));
                if (callerGone) {
                    throw hungUp("while " + device + " rang (DIALSTATUS " + returned.dialStatus() + ")");
                }
                if (reply.status() != AgiResponse.SUCCESS) {
                    throw fail(new AgiProtocolException("unexpected reply from Asterisk to '" + dial + "': '"
                            + AgiProtocolException.excerpt(reply.firstLine()) + "'"));
                }
                transition(AgiChannelState.DIALING, AgiChannelState.ACTIVE);
                LOG.debug("call {}: {} not connected: DIALSTATUS {} -> {}", info.callId(), device,
                        returned.dialStatus(), result);
                yield result;
            }
        };
    }

    @Override
    public void hangup() {
        command(AgiCommands.hangup());
        moveTo(AgiChannelState.HUNG_UP);
        LOG.debug("call {}: hung up by the platform", info.callId());
    }

    /**
     * Waits until the Dial thread of the last {@link #connect} has ended (the conversation is over, or the connection
     * closed). Returns at once when no Dial ran. If the waiting thread is interrupted, the connection is closed so
     * that the Dial thread ends.
     */
    void awaitDialEnd() {
        Thread thread = dialThread;
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
                link.close();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    AgiChannelState state() {
        return state.get();
    }

    /** The protocol error that failed this channel, if any. */
    Optional<AgiProtocolException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Sends a command on an ACTIVE channel and turns a dead channel, a lost connection or bad reply into exceptions. */
    private AgiResponse command(String command) {
        requireActive();
        AgiResponse reply;
        try {
            reply = link.send(command);
        } catch (AgiConnectionLostException e) {
            throw connectionLost(e);
        } catch (AgiProtocolException e) {
            throw fail(e);
        }
        if (reply.status() == AgiResponse.DEAD_CHANNEL) {
            throw hungUp("511 to " + command);
        }
        if (link.hangupSeen()) {
            throw hungUp("HANGUP line before the reply to " + command);
        }
        if (reply.status() == AgiResponse.INVALID_OR_UNKNOWN_COMMAND
                || reply.status() == AgiResponse.INVALID_COMMAND_SYNTAX) {
            throw new AgiProtocolException("call " + info.callId() + ": Asterisk refused '" + command + "': "
                    + reply.firstLine());
        }
        if (reply.status() != AgiResponse.SUCCESS) {
            throw fail(new AgiProtocolException("unexpected reply from Asterisk to '" + command + "': '"
                    + AgiProtocolException.excerpt(reply.firstLine()) + "'"));
        }
        return reply;
    }

    private void requireActive() {
        switch (state.get()) {
            case ACTIVE -> {
            }
            case HUNG_UP -> throw new CallerHangupException(info.callId());
            case FAILED -> throw new AgiProtocolException("call " + info.callId()
                    + ": the FastAGI session failed earlier: " + failure.getMessage());
            case DIALING, CONNECTED -> throw new IllegalStateException("call " + info.callId()
                    + " is being connected to an agent: the Dial owns the FastAGI channel");
        }
    }

    /** A key from a STREAM FILE / WAIT FOR DIGIT reply: 0 for none, -1 for a hang-up, else the key's ASCII code. */
    private char key(String command, AgiResponse reply) {
        int code = resultCode(command, reply);
        if (code < 0) {
            throw hungUp(command + " returned " + code);
        }
        if (code == 0) {
            return 0;
        }
        if (!isKey(code)) {
            throw fail(new AgiProtocolException("malformed reply from Asterisk to '" + command + "': '"
                    + AgiProtocolException.excerpt(reply.firstLine()) + "' is not a DTMF key"));
        }
        return (char) code;
    }

    private int resultCode(String command, AgiResponse reply) {
        try {
            return reply.resultCode(command);
        } catch (AgiProtocolException e) {
            throw fail(e);
        }
    }

    private static boolean isKey(int c) {
        return (c >= '0' && c <= '9') || c == '*' || c == '#' || (c >= 'A' && c <= 'D');
    }

    private static long millis(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new ValidationException("timeout", "timeout must be zero or positive");
        }
        return Math.min(timeout.toMillis(), Integer.MAX_VALUE);
    }

    private CallerHangupException hungUp(String how) {
        moveTo(AgiChannelState.HUNG_UP);
        LOG.debug("call {}: caller hung up ({})", info.callId(), how);
        return new CallerHangupException(info.callId());
    }

    private CallerHangupException connectionLost(AgiConnectionLostException e) {
        if (e.timedOut()) {
            LOG.warn("call {}: {}; the call is given up", info.callId(), e.getMessage());
        }
        return hungUp(e.getMessage());
    }

    private AgiProtocolException fail(AgiProtocolException e) {
        AgiProtocolException failed = new AgiProtocolException("call " + info.callId() + ": " + e.getMessage());
        failure = failed;
        moveTo(AgiChannelState.FAILED);
        LOG.error("call {}: {}; ending the FastAGI session", info.callId(), e.getMessage());
        return failed;
    }

    private void transition(AgiChannelState from, AgiChannelState to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("call " + info.callId() + ": no transition " + from + " -> " + to);
        }
        if (!state.compareAndSet(from, to)) {
            throw new IllegalStateException("call " + info.callId() + ": channel is " + state.get() + ", not " + from);
        }
    }

    /** Moves to a final state from wherever the channel is (the current state must allow it). */
    private void moveTo(AgiChannelState to) {
        while (true) {
            AgiChannelState current = state.get();
            if (current == to) {
                return;
            }
            if (!current.canMoveTo(to)) {
                throw new IllegalStateException("call " + info.callId() + ": no transition " + current + " -> " + to);
            }
            if (state.compareAndSet(current, to)) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "AgiCallChannel[" + info.callId() + " " + info.channel() + " " + state.get() + "]";
    }
}
