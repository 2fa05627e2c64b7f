package org.hotline.cti.asterisk.ami;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.hotline.cti.asterisk.AsteriskCalls;

/**
 * Which channels are the platform's calls: those the FastAGI side tracks ({@link AsteriskCalls}) and those Hotline
 * originated (click-to-dial calls are followed, supervisors' spy legs are not), with each Originate's ActionID until
 * its OriginateResponse. Every other unit asks it before publishing anything about a channel. Confined to the
 * gateway's event thread.
 */
final class FollowedCalls {
    /**
     * A call Hotline originated (click-to-dial or a supervisor's spy leg), until it ends.
     *
     * @param since {@link System#nanoTime()} when it was originated (a resync asked for earlier cannot list it)
     */
    record Originated(String id, String server, boolean spy, String actionId, long since) {
    }

    private final AsteriskCalls calls;
    private final Map<String, Originated> originated = new HashMap<>();
    private final Map<String, String> byAction = new HashMap<>();

    FollowedCalls(AsteriskCalls calls) {
        this.calls = calls;
    }

    AsteriskCalls calls() {
        return calls;
    }

    /** Whether events of {@code uid} are published: a tracked call or a click-to-dial call (not a spy leg). */
    boolean followed(String uid) {
        if (uid == null) {
            return false;
        }
        Originated o = originated.get(uid);
        return o != null ? !o.spy() : calls.isTracked(uid);
    }

    /** Whether the platform knows {@code uid} at all: tracked, click-to-dial or spy. */
    boolean known(String uid) {
        return uid != null && (originated.containsKey(uid) || calls.isTracked(uid));
    }

    Originated originated(String uid) {
        return uid == null ? null : originated.get(uid);
    }

    boolean isOriginated(String uid) {
        return uid != null && originated.containsKey(uid);
    }

    boolean isSpy(String uid) {
        Originated o = originated(uid);
        return o != null && o.spy();
    }

    /** The call an Originate's ActionID belongs to, until its OriginateResponse said it was answered. */
    String byAction(String actionId) {
        return actionId == null ? null : byAction.get(actionId);
    }

    void originating(String id, String server, String actionId, boolean spy) {
        originated.put(id, new Originated(id, server, spy, actionId, System.nanoTime()));
        byAction.put(actionId, id);
    }

    /** The Originate was answered: its ActionID is done with. */
    void answered(String actionId) {
        byAction.remove(actionId);
    }

    /** A channel appeared: a click-to-dial call's is tracked under the id Hotline gave it. */
    void channelAppeared(LiveChannel c) {
        Originated o = originated.get(c.uid);
        if (o != null && !o.spy() && c.name != null && !calls.isTracked(c.uid)) {
            calls.track(c.uid, c.name);
        }
    }

    void forgetOriginate(String id) {
        Originated o = id == null ? null : originated.remove(id);
        if (o != null) {
            byAction.remove(o.actionId());
        }
    }

    /** The calls followed now (tracked, and click-to-dial). */
    Set<String> snapshot() {
        Set<String> ids = new HashSet<>(calls.callIds());
        for (Originated o : originated.values()) {
            if (!o.spy()) {
                ids.add(o.id());
            }
        }
        return ids;
    }
}
