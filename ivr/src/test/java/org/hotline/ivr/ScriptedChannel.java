package org.hotline.ivr;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hotline.platform.telephony.CallChannel;
import org.hotline.platform.telephony.CallInfo;
import org.hotline.platform.telephony.CallerHangupException;
import org.hotline.platform.telephony.ConnectResult;

/**
 * A call channel whose caller follows a script: one key entry per input ({@code T} = presses nothing), an optional
 * command at which the caller hangs up, scripted ring outcomes. Inputs return at once; every command is logged.
 * Like Asterisk, once the caller is gone every command throws {@link CallerHangupException}.
 */
final class ScriptedChannel implements CallChannel {
    final List<String> log = new CopyOnWriteArrayList<>();
    private final Deque<String> keys = new ConcurrentLinkedDeque<>();
    private final Deque<ConnectResult> rings = new ConcurrentLinkedDeque<>();
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    private CallInfo info;
    private volatile String hangUpOn;
    private volatile boolean bargeIn;
    private volatile boolean gone;
    private volatile boolean canWake;
    private volatile boolean woken;
    private final java.util.concurrent.atomic.AtomicInteger wakeUps = new java.util.concurrent.atomic.AtomicInteger();

    ScriptedChannel(String callId, String ani) {
        this.info = new CallInfo(callId, ani, "4000", "SIP/trunk-" + callId, "zh", "hotline", Map.of());
    }

    ScriptedChannel keys(String... entries) {
        keys.addAll(List.of(entries));
        return this;
    }

    ScriptedChannel rings(ConnectResult... results) {
        rings.addAll(List.of(results));
        return this;
    }

    ScriptedChannel request(String script, Map<String, String> params) {
        info = new CallInfo(info.callId(), info.ani(), info.dnis(), info.channel(), info.language(), script, params);
        return this;
    }

    /** The caller presses keys during menu prompts instead of after them. */
    ScriptedChannel bargingIn() {
        bargeIn = true;
        return this;
    }

    /** The caller hangs up as soon as a command starting with {@code commandPrefix} is issued. */
    ScriptedChannel hangUpOn(String commandPrefix) {
        hangUpOn = commandPrefix;
        return this;
    }

    /** The channel can be woken from now on ({@link #wake()} ends a wait), as on a switch whose link is up. */
    ScriptedChannel canBeWoken() {
        canWake = true;
        return this;
    }

    @Override
    public boolean wakeable() {
        return canWake;
    }

    @Override
    public void wake() {
        if (canWake) {
            wakeUps.incrementAndGet();
            woken = true;
        }
    }

    @Override
    public void clearWake() {
        woken = false;
    }

    /** How many times routing woke this channel. */
    int wakeUps() {
        return wakeUps.get();
    }

    /** The caller hangs up now. */
    void callerHangsUp() {
        gone = true;
    }

    boolean gone() {
        return gone;
    }

    String variable(String name) {
        return variables.get(name);
    }

    List<String> commands(String prefix) {
        return log.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    private void command(String command) {
        log.add(command);
        String trigger = hangUpOn;
        if (trigger != null && command.startsWith(trigger)) {
            gone = true;
        }
        if (gone) {
            throw new CallerHangupException(info.callId());
        }
    }

    @Override
    public CallInfo info() {
        return info;
    }

    @Override
    public void answer() {
        command("answer");
    }

    @Override
    public char play(String prompt, String escapeDigits) {
        if (woken) {
            woken = false;
            command("skip " + prompt); // a wake-up before the prompt skips it, as on a switch
            return 0;
        }
        command("play " + prompt);
        String next = keys.peekFirst();
        if (bargeIn && escapeDigits != null && !escapeDigits.isEmpty() && next != null && !next.equals("T")) {
            return keys.pollFirst().charAt(0);
        }
        return 0;
    }

    @Override
    public String collectDigits(String prompt, Duration timeout, int maxDigits) {
        command("collect " + prompt + " " + maxDigits);
        String entry = keys.pollFirst();
        return entry == null || entry.equals("T") ? "" : entry;
    }

    @Override
    public char waitForDigit(Duration timeout) {
        command("wait " + timeout.toMillis());
        String entry = keys.pollFirst();
        if (entry == null) {
            // like a switch: no key, so the whole timeout passes (a caller who hangs up meanwhile ends it, and so
            // does a wake-up where the channel is wakeable)
            long end = System.nanoTime() + timeout.toNanos();
            while (!gone && !woken && System.nanoTime() - end < 0) {
                LockSupport.parkNanos(Math.min(end - System.nanoTime(), 1_000_000L));
            }
            woken = false;
            if (gone) {
                throw new CallerHangupException(info.callId());
            }
        }
        return entry == null || entry.equals("T") ? 0 : entry.charAt(0);
    }

    @Override
    public void sayDigits(String digits) {
        command("say digits " + digits);
    }

    @Override
    public void sayNumber(long number) {
        command("say number " + number);
    }

    @Override
    public void setVariable(String name, String value) {
        command("set " + name + "=" + value);
        variables.put(name, value);
    }

    @Override
    public String getVariable(String name) {
        command("get " + name);
        return variables.get(name);
    }

    @Override
    public void startMusicOnHold(String mohClass) {
        command("moh start");
    }

    @Override
    public void stopMusicOnHold() {
        command("moh stop");
    }

    @Override
    public ConnectResult connect(String device, Duration ringTimeout) {
        command("connect " + device);
        ConnectResult result = rings.pollFirst();
        return result == null ? ConnectResult.ANSWERED : result;
    }

    @Override
    public void hangup() {
        command("hangup");
        gone = true;
    }
}
