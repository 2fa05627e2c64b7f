package org.hotline.cti.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.hotline.platform.telephony.CallInfo;
import org.hotline.platform.telephony.CallerHangupException;

/**
 * One call on the simulated switch: its phase, its caller's remaining keys and its timers. Everything mutable is
 * guarded by {@link #lock}; every change signals {@link #changed} so that a blocked channel command wakes at once.
 */
final class SimCall {
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    /** A wake-up for the wakeable pause (guarded by lock). */
    private boolean woken;

    private final CallInfo info;
    private final SimulatedCaller caller;
    private final boolean outbound;
    private final CallerScript script;
    private final Map<String, String> variables = new HashMap<>();
    private final List<Future<?>> timers = new ArrayList<>();

    private CallPhase phase;
    private String device;
    private Instant since;
    private boolean patienceStarted;
    private long ringSeq;

    SimCall(CallInfo info, SimulatedCaller caller, boolean outbound, CallPhase initial, String device, Instant at) {
        this.info = info;
        this.caller = caller;
        this.outbound = outbound;
        this.script = new CallerScript(caller.keys());
        this.phase = initial;
        this.device = device;
        this.since = at;
    }

    String id() {
        return info.callId();
    }

    CallInfo info() {
        return info;
    }

    SimulatedCaller caller() {
        return caller;
    }

    boolean outbound() {
        return outbound;
    }

    /** Guarded by lock. */
    CallerScript script() {
        return script;
    }

    /** Guarded by lock. */
    Map<String, String> variables() {
        return variables;
    }

    /** Guarded by lock. */
    CallPhase phase() {
        return phase;
    }

    /** Guarded by lock. */
    String device() {
        return device;
    }

    /** Guarded by lock. */
    long ringSeq() {
        return ringSeq;
    }

    /** Guarded by lock: moves to {@code next} (device for RINGING / TALKING) and wakes every waiter. */
    void moveTo(CallPhase next, String nextDevice, Instant at) {
        if (!phase.canMoveTo(next)) {
            throw new IllegalStateException("call " + id() + ": " + phase + " -> " + next + " is not allowed");
        }
        if (next == CallPhase.RINGING) {
            ringSeq++;
        }
        phase = next;
        device = nextDevice;
        since = at;
        changed.signalAll();
    }

    /** Guarded by lock: true the first time only. */
    boolean startPatience() {
        if (patienceStarted) {
            return false;
        }
        patienceStarted = true;
        return true;
    }

    /** Guarded by lock. */
    void addTimer(Future<?> timer) {
        timers.removeIf(Future::isDone);
        timers.add(timer);
    }

    /** Guarded by lock. */
    void cancelTimers() {
        timers.forEach(t -> t.cancel(false));
        timers.clear();
    }

    /** Wakes every waiter without a change (e.g. the ringing device went away). */
    void poke() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    SimulatedCallState snapshot() {
        lock.lock();
        try {
            return new SimulatedCallState(id(), info.ani(), info.dnis(), phase, device, since, outbound);
        } finally {
            lock.unlock();
        }
    }

    /** Throws {@link CallerHangupException} once the call is over. */
    void requireAlive() {
        lock.lock();
        try {
            requireAliveLocked();
        } finally {
            lock.unlock();
        }
    }

    void requireAliveLocked() {
        if (phase == CallPhase.ENDED) {
            throw new CallerHangupException(id());
        }
    }

    /**
     * Lets {@code d} pass on the call, as a prompt playing or a caller thinking; ends early with
     * {@link CallerHangupException} the moment the call is over.
     */
    void pause(Duration d) {
        pause(d, false);
    }

    /**
     * Pauses like {@link #pause(Duration)}, or less when {@code wakeable} and {@link #wake()} is called (or was, since
     * the last such pause).
     */
    void pause(Duration d, boolean wakeable) {
        long deadline = System.nanoTime() + nanos(d);
        lock.lock();
        try {
            while (true) {
                requireAliveLocked();
                if (wakeable && woken) {
                    woken = false;
                    return;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                awaitLocked(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets a wake-up no pause has taken. */
    void clearWake() {
        lock.lock();
        try {
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the wakeable pause in progress, or the next one; any thread (routing calls it under its lock). */
    void wake() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Guarded by lock: waits for a signal at most {@code nanos}; an interrupt ends the wait like a hang-up. */
    void awaitLocked(long nanos) {
        try {
            changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallerHangupException(id());
        }
    }

    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return TimeUnit.DAYS.toNanos(365);
        }
    }
}
