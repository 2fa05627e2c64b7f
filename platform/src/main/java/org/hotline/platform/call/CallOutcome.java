package org.hotline.platform.call;

/**
 * How a call ended. INTERRUPTED: the platform stopped (crash or restart) while the call was open and no switch knew
 * the call any more at the next start (cause {@code platform restart}). FALLBACK: the platform lost the call (its
 * IVR died with the platform) and the switch's own fallback queue ({@code hotline-fallback} on Asterisk) served it
 * until its end.
 */
public enum CallOutcome { ANSWERED, ABANDONED, CALLBACK_REQUESTED, IVR_ONLY, FAILED, INTERRUPTED, FALLBACK }
