package org.hotline.cti.asterisk.agi;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.hotline.cti.asterisk.ChannelWakeUps;
import org.hotline.platform.telephony.CallInfo;

/**
 * The wake-up of one session's {@code WAIT FOR DIGIT} or {@code STREAM FILE} (a prompt, with the wake-up's key among
 * its escape digits) ({@link AgiCallChannel#wake}): routing asks for it on its own
 * thread, under its lock, while the session's thread waits or does something else.
 * <ul>
 *   <li>During a wait, the switch's link queues {@link ChannelWakeUps#KEY} on the channel and the wait returns it.
 *       Asterisk drops a key that reaches the channel between two AGI commands (res_agi reads and discards the frames
 *       then), so a wake-up that came just before the wait began would be lost: it is sent again every
 *       {@link #RETRY} while the same wait runs, at most {@link #ATTEMPTS} times.</li>
 *   <li>Outside a wait, the next wait returns at once, without a round trip.</li>
 * </ul>
 */
final class WaitWakeUp {
    private static final int ATTEMPTS = 5;
    private static final Duration RETRY = Duration.ofMillis(200);

    private final CallInfo info;
    private final ChannelWakeUps wakeUps;
    /** A wake-up asked for and not yet consumed by a wait. */
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicLong waits = new AtomicLong();
    /** The {@link #waits} number of the WAIT FOR DIGIT in flight, 0 when none. */
    private volatile long inFlight;

    WaitWakeUp(CallInfo info, ChannelWakeUps wakeUps) {
        this.info = info;
        this.wakeUps = wakeUps;
    }

    /** See {@link AgiCallChannel#wakeable()}. */
    boolean available() {
        return info.switchCallId() != null && info.channel() != null && wakeUps.available();
    }

    /** Any thread: wakes the wait in flight, or the next one. */
    void wake() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long wait = inFlight;
        if (wait != 0) {
            send(wait);
        }
    }

    /**
     * The session's thread, before a wait: false when a wake-up came since the last wait (the wait is skipped, as if
     * it had timed out at once); else the wait is in flight until {@link #ended}.
     */
    boolean begin() {
        if (pending.getAndSet(false)) {
            return false;
        }
        long wait = waits.incrementAndGet();
        inFlight = wait;
        if (pending.get()) {
            send(wait); // woken between the look above and the wait's start
        }
        return true;
    }

    /** The session's thread, after the wait returned {@code key}: the key, or 0 for the wake-up's own. */
    char ended(char key) {
        inFlight = 0;
        if (key == ChannelWakeUps.KEY) {
            pending.set(false);
            return 0; // the wake-up's key, never a caller's: no keypad has it
        }
        return key;
    }

    /** Any thread: forgets a wake-up no wait has taken. */
    void clear() {
        pending.set(false);
    }

    /** The session's thread: the wait failed (hang-up, protocol error). */
    void aborted() {
        inFlight = 0;
    }

    private void send(long wait) {
        if (!available()) {
            return;
        }
        Thread.ofVirtual().name("agi-wake-" + info.callId()).start(() -> {
            for (int i = 0; i < ATTEMPTS && inFlight == wait && pending.get(); i++) {
                wakeUps.wake(info.switchCallId(), info.channel());
                LockSupport.parkNanos(RETRY.toNanos());
            }
        });
    }
}
