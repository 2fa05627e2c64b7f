package org.hotline.platform.stats;

/**
 * Live figures of one queue since start of day. offered = calls that entered the queue; serviceLevel = share of
 * answered+abandoned calls answered within the queue's threshold (0..1, 1 when nothing has happened yet).
 */
public record QueueStats(String name, int waiting, long longestWaitSeconds, long offered, long answered,
                         long abandoned, double serviceLevel, int serviceLevelSeconds, long averageWaitSeconds,
                         int agentsReady, int agentsLoggedIn) {
}
