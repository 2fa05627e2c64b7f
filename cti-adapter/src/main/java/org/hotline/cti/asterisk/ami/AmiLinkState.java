package org.hotline.cti.asterisk.ami;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of one managed AMI connection, as an explicit state machine.
 *
 * <pre>
 * DISCONNECTED --start--> CONNECTING --login--> SYNCING --resync done--> CONNECTED
 *                            ^  (retries with back-off)  |                    |
 *                            |                           | lost / resync      | lost / ping unanswered
 *                            |                           v  timed out         v
 *                            |                      RECONNECTING <------------+
 *                            |                           | (retries with back-off)
 *                            |                           +--login--> SYNCING
 * every state except CLOSED --close--> CLOSED (terminal)
 * </pre>
 *
 * Actions are only sent on a CONNECTED link (logged in and resynchronised).
 */
public enum AmiLinkState {
    /** Not started yet. */
    DISCONNECTED,
    /** First login in progress, or waiting (back-off) to retry it: Asterisk-Java does not retry the initial login. */
    CONNECTING,
    /** Logged in; resynchronising live channels and device states. Events already flow. */
    SYNCING,
    /** Logged in and resynchronised: events flow and actions may be sent. */
    CONNECTED,
    /** The connection was lost; waiting (back-off) or logging in again. */
    RECONNECTING,
    /** The gateway was closed. Terminal. */
    CLOSED;

    /** The states this one may move to. */
    public Set<AmiLinkState> allowedNext() {
        return switch (this) {
            case DISCONNECTED -> EnumSet.of(CONNECTING, CLOSED);
            case CONNECTING -> EnumSet.of(SYNCING, CLOSED);
            case SYNCING -> EnumSet.of(CONNECTED, RECONNECTING, CLOSED);
            case CONNECTED -> EnumSet.of(RECONNECTING, CLOSED);
            case RECONNECTING -> EnumSet.of(SYNCING, CLOSED);
            case CLOSED -> EnumSet.noneOf(AmiLinkState.class);
        };
    }

    public boolean canMoveTo(AmiLinkState next) {
        return allowedNext().contains(next);
    }

    /** Whether a connection to Asterisk is up (events flow). */
    public boolean loggedIn() {
        return this == SYNCING || this == CONNECTED;
    }
}
