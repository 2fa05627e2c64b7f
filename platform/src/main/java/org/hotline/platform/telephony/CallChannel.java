package org.hotline.platform.telephony;

import java.time.Duration;

/**
 * One call, as the IVR sees it: a blocking, per-call command channel in the style of Asterisk-Java's
 * {@code AgiChannel}. Each call runs on its own (virtual) thread. Every method throws {@link CallerHangupException}
 * once the caller has hung up, whatever command is in flight.
 */
public interface CallChannel {
    CallInfo info();

    void answer();

    /**
     * Plays a prompt; the caller may interrupt it with one of {@code escapeDigits}.
     *
     * @return the digit pressed, or {@code 0} when the prompt played to the end
     */
    char play(String prompt, String escapeDigits);

    /**
     * Plays a prompt then collects up to {@code maxDigits} keys ({@code #} ends input early).
     *
     * @return the digits typed, empty on timeout
     */
    String collectDigits(String prompt, Duration timeout, int maxDigits);

    /**
     * Waits for one key press.
     *
     * @return the digit, or {@code 0} on timeout
     */
    char waitForDigit(Duration timeout);

    /**
     * Whether {@link #wake()} ends a {@link #waitForDigit} early, now (on Asterisk: while the AMI link that queues the
     * wake-up on the channel is up). A waiting loop whose channel cannot be woken waits in short steps instead.
     */
    default boolean wakeable() {
        return false;
    }

    /**
     * Ends the {@link #waitForDigit} or {@link #play} in progress early, as if it had timed out or played to the end
     * (it returns {@code 0}); when none is in progress, the next one returns at once. Any thread; never blocks
     * (routing calls it under its lock). Does nothing where the channel is not {@link #wakeable()}.
     */
    default void wake() {
    }

    /** Forgets a wake-up no wait or prompt has taken yet (the caller left the queue: later prompts play in full). */
    default void clearWake() {
    }

    void sayDigits(String digits);

    void sayNumber(long number);

    void setVariable(String name, String value);

    /** @return the value, or null when unset */
    String getVariable(String name);

    /** Starts music on hold for the caller ({@code mohClass} may be null for the default class). */
    void startMusicOnHold(String mohClass);

    void stopMusicOnHold();

    /**
     * Rings an agent's device and connects the caller when it answers.
     *
     * @return {@link ConnectResult#ANSWERED} as soon as the agent answered, otherwise why it did not
     */
    ConnectResult connect(String device, Duration ringTimeout);

    /** Ends the call from the platform's side. */
    void hangup();
}
