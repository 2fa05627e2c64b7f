package org.hotline.routing.agent;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.concurrent.Future;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;

/**
 * One agent as the ACD holds it. Not thread-safe: guarded by the ACD's lock. State changes go through
 * {@link AgentRoster#move}, which checks {@link AgentTransitions}.
 */
public final class Agent implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private AgentProfile profile;
    private AgentState state = AgentState.LOGGED_OUT;
    private String reason;
    private Instant since;
    private String callId;
    private long transitions;
    private long idleRank;
    /** A handle on this node's timer; not part of the replicated state (a stale timer is a no-op anyway). */
    private transient Future<?> wrapUpTimer;

    Agent(AgentProfile profile, Instant registeredAt) {
        this.profile = profile;
        this.since = registeredAt;
    }

    public String username() {
        return profile.username();
    }

    public String device() {
        return profile.device();
    }

    public boolean hasSkill(String skill) {
        return profile.skills().contains(skill);
    }

    public AgentProfile profile() {
        return profile;
    }

    public AgentState state() {
        return state;
    }

    /** The reason of the current state (NOT_READY's, or null). */
    public String reason() {
        return reason;
    }

    public String callId() {
        return callId;
    }

    /** Counts every transition; a timer armed in one state only acts if the count has not moved since. */
    public long transitions() {
        return transitions;
    }

    /** Order of the last transition into READY: the lowest READY rank is the longest-idle agent. */
    long idleRank() {
        return idleRank;
    }

    void idleRank(long rank) {
        idleRank = rank;
    }

    void profile(AgentProfile updated) {
        profile = updated;
    }

    void apply(AgentState next, String nextReason, String nextCallId, Instant at) {
        cancelWrapUpTimer();
        state = next;
        reason = nextReason;
        callId = nextCallId;
        since = at;
        transitions++;
    }

    public void wrapUpTimer(Future<?> timer) {
        cancelWrapUpTimer();
        wrapUpTimer = timer;
    }

    public void cancelWrapUpTimer() {
        if (wrapUpTimer != null) {
            wrapUpTimer.cancel(false);
            wrapUpTimer = null;
        }
    }

    public AgentSnapshot snapshot() {
        return new AgentSnapshot(profile.username(), profile.displayName(), profile.skills(), profile.device(), state,
                reason, since, callId);
    }
}
