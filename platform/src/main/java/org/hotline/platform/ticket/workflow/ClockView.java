package org.hotline.platform.ticket.workflow;

import java.time.Instant;

/**
 * One clock as the ticket's reader sees it. {@code dueAt} is null while PAUSED (the remaining time is kept and a
 * new due time computed on resume); {@code pauseReason} is the typed reason of the current pause, or null.
 */
public record ClockView(ClockName name, ClockState state, Instant dueAt, Instant pausedSince, String pauseReason,
                        Instant metAt, Instant breachedAt, String policy) {
}
