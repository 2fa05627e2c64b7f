package org.hotline.platform.call;

/**
 * Hands out the platform's call ids. An id names one call for good: in {@code call_records}, in tickets and
 * callbacks, on the event stream and in the console, so it must never be handed out twice, not after a restart of
 * the node and not by another node, and that without any coordination between them.
 */
public interface CallIdGenerator {
    /** A new id: at most 64 characters of {@code [A-Za-z0-9._-]} (safe in AGI arguments and Asterisk variables). */
    String next();
}
