package org.hotline.platform.stats;

/** The wallboard's view of every queue and agent, kept current from the event stream. */
public interface LiveStatsView {
    LiveSnapshot snapshot();
}
