package org.hotline.cti.asterisk.agi.testing;

/** How the fake Asterisk tells the platform that the caller hung up during a command (README "AGI" quirks 3 and 4). */
public enum HangupStyle {
    /**
     * As in the Local-channel capture: the command in flight ends with {@code 200 result=-1} (plus {@code endpos} for
     * STREAM FILE); the {@code HANGUP} line comes later, just before the reply to the next command.
     */
    RESULT_THEN_HANGUP_LINE,
    /** {@code 200 result=-1} and {@code HANGUP} in the same burst (one write). */
    RESULT_WITH_HANGUP_LINE,
    /** {@code HANGUP} first, then {@code 200 result=-1}, in two writes. */
    HANGUP_LINE_FIRST,
    /** The connection is closed without a reply (Asterisk gone, or {@code AGIEXITONHANGUP} set). */
    CLOSE_CONNECTION
}
