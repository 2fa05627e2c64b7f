package org.hotline.platform.call;

/**
 * How a call ended. Inbound calls: ANSWERED, ABANDONED, CALLBACK_REQUESTED, IVR_ONLY, FAILED. Outbound calls (placed
 * by an agent): ANSWERED (the destination answered), NO_ANSWER, BUSY or FAILED, as the switch reported the dial.
 */
public enum CallOutcome { ANSWERED, ABANDONED, CALLBACK_REQUESTED, IVR_ONLY, FAILED, NO_ANSWER, BUSY }
