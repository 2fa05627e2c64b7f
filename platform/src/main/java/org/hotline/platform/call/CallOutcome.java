package org.hotline.platform.call;

/**
 * How a call ended. Inbound calls: ANSWERED, ABANDONED, CALLBACK_REQUESTED, IVR_ONLY, FAILED. Outbound calls (placed
 * by an agent): ANSWERED (the destination answered), NO_ANSWER, BUSY or FAILED, as the switch reported the dial.
 * INTERRUPTED: the platform stopped (crash or restart) while the call was open and no switch knew the call any more at
 * the next start (cause {@code platform restart}). FALLBACK: the platform lost the call (its IVR died with the
 * platform) and the switch's own fallback queue ({@code hotline-fallback} on Asterisk) served it until its end.
 */
public enum CallOutcome { ANSWERED, ABANDONED, CALLBACK_REQUESTED, IVR_ONLY, FAILED, INTERRUPTED, FALLBACK, NO_ANSWER, BUSY }
