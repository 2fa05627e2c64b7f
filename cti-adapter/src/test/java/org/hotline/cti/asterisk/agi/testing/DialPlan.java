package org.hotline.cti.asterisk.agi.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * What the fake Asterisk does with an {@code EXEC Dial}: how long the device rings and how the Dial ends.
 *
 * @param outcome           how the Dial ends
 * @param ringFor           how long the device rings before that
 * @param dialStatus        the DIALSTATUS left behind (for {@link Outcome#NOT_CONNECTED})
 * @param conversation      for {@link Outcome#ANSWERED}: how long the conversation lasts; null = until
 *                          {@link ScriptedCall#endConversation()}
 * @param callerEndsIt      for {@link Outcome#ANSWERED}: the caller (not the agent) hangs up at the end, so the Dial
 *                          returns {@code -1} and the channel is dead
 */
public record DialPlan(Outcome outcome, Duration ringFor, String dialStatus, Duration conversation,
                       boolean callerEndsIt) {
    /** How a Dial ends. */
    public enum Outcome {
        /**
         * The agent answers: like Dial's {@code U(context^arg)} option, the fake opens the
         * {@code answered?call=<arg>} FastAGI session on the agent's channel, waits for it to end, then holds the Dial
         * for the conversation and returns DIALSTATUS=ANSWER.
         */
        ANSWERED,
        /** The agent answers but no gosub session is opened (a dialplan without the answered context). */
        ANSWERED_WITHOUT_SIGNAL,
        /** The Dial returns with {@link #dialStatus()} (NOANSWER, BUSY, CHANUNAVAIL, CONGESTION ...). */
        NOT_CONNECTED,
        /** The caller hangs up while the device rings: {@code 200 result=-1}, DIALSTATUS=CANCEL, channel dead. */
        CALLER_HANGS_UP
    }

    public DialPlan {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(ringFor, "ringFor");
    }

    /** The agent answers after {@code ringFor}; the conversation lasts until {@link ScriptedCall#endConversation()}. */
    public static DialPlan answeredAfter(Duration ringFor) {
        return new DialPlan(Outcome.ANSWERED, ringFor, "ANSWER", null, false);
    }

    public static DialPlan answeredWithoutSignal(Duration ringFor) {
        return new DialPlan(Outcome.ANSWERED_WITHOUT_SIGNAL, ringFor, "ANSWER", Duration.ZERO, false);
    }

    public static DialPlan returns(String dialStatus, Duration ringFor) {
        return new DialPlan(Outcome.NOT_CONNECTED, ringFor, dialStatus, Duration.ZERO, false);
    }

    public static DialPlan noAnswer(Duration ringFor) {
        return returns("NOANSWER", ringFor);
    }

    public static DialPlan callerHangsUpAfter(Duration ringFor) {
        return new DialPlan(Outcome.CALLER_HANGS_UP, ringFor, "CANCEL", Duration.ZERO, false);
    }

    /** The conversation ends by itself after {@code talk}. */
    public DialPlan talkingFor(Duration talk) {
        return new DialPlan(outcome, ringFor, dialStatus, talk, callerEndsIt);
    }

    /** The caller hangs up at the end of the conversation. */
    public DialPlan endedByCaller() {
        return new DialPlan(outcome, ringFor, dialStatus, conversation, true);
    }
}
