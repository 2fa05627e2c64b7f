package org.hotline.platform.stats;

/**
 * Live figures of one queue since start of day. offered = calls that entered the queue; serviceLevel = share of
 * answered+abandoned calls answered within the queue's threshold (0..1, 1 when nothing has happened yet).
 * callbacksRequested = waiting callers who left with a queue callback today (neither answered nor abandoned);
 * callbacksOpen = the queue's callbacks still to be made now (PENDING or IN_PROGRESS, whatever day requested).
 */
public record QueueStats(String name, int waiting, long longestWaitSeconds, long offered, long answered,
                         long abandoned, double serviceLevel, int serviceLevelSeconds, long averageWaitSeconds,
                         int agentsReady, int agentsLoggedIn, long callbacksRequested, int callbacksOpen) {
}
