package org.hotline.cti.asterisk.ami;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.hotline.platform.Times;
import org.hotline.platform.call.OpenCall;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.telephony.CallRecovery.Followed;
import org.hotline.platform.telephony.CallRecovery.Gone;
import org.hotline.platform.telephony.CallRecovery.InFallback;
import org.hotline.platform.telephony.CallRecovery.Recovered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles the channel book with what a server lists ({@code CoreShowChannels}, {@code DeviceStateList}) after a
 * (re)connect or periodically: channels listed are (re)placed in their bridges, followed calls no longer listed are
 * ended (at once after a reconnect: they ended while AMI was disconnected; after a grace period on a connected link,
 * whose Hangup may still be on its way), calls a stopped platform left open are found again or given up. Its own unit
 * because it is the only place that ends calls without a Hangup, so its rule - end only what it saw vanish - must be
 * testable on its own. Confined to the gateway's event thread.
 */
final class ChannelResync {
    static final String ENDED_WHILE_DISCONNECTED = "ended while AMI was disconnected";
    static final String NOT_ON_THE_SWITCH = "no longer on the switch";
    private static final Logger LOG = LoggerFactory.getLogger(ChannelResync.class);
    private static final String FALLBACK_QUEUE = AmiGateway.FALLBACK_QUEUE;

    /** What a resync found. */
    record ResyncResult(int channels, int devices, int callsEnded) {
    }

    /**
     * The calls followed when a resync's lists were asked for: only these can be found gone by it (a call tracked
     * later may have a channel Asterisk created after it listed its channels).
     *
     * @param tracked    the switch ids {@code AsteriskCalls} tracked then
     * @param startNanos {@link System#nanoTime()} then (click-to-dial calls originated before it count too)
     */
    record Snapshot(Set<String> tracked, long startNanos) {
        Snapshot {
            tracked = Set.copyOf(tracked);
        }
    }

    /** Ends a followed call (once) and publishes its end. */
    interface CallEnder {
        void end(String uid, HangupParty party, String cause, Instant at);
    }

    /** A resync of one server in progress. */
    private static final class Resync {
        final String server;
        final long epoch;
        final String channelsId;
        final String devicesId;
        final Set<String> candidates;
        final String cause;
        final boolean periodic;
        final CompletableFuture<ResyncResult> done = new CompletableFuture<>();
        boolean channelsDone;
        boolean devicesDone;
        int channels;
        int devices;
        int ended;

        Resync(String server, long epoch, String channelsId, String devicesId, Set<String> candidates,
               boolean periodic) {
            this.server = server;
            this.periodic = periodic;
            this.cause = periodic ? NOT_ON_THE_SWITCH : ENDED_WHILE_DISCONNECTED;
            this.epoch = epoch;
            this.channelsId = channelsId;
            this.devicesId = devicesId;
            this.candidates = candidates;
        }
    }

    private final ChannelBook book;
    private final FollowedCalls followed;
    private final DeviceBook devices;
    private final CallEventMapper mapper;
    private final ProblemLog problems;
    private final List<String> servers;
    private final Predicate<String> connected;
    private final Clock clock;
    private final long missingGraceNanos;
    private final Map<String, Resync> resyncs = new HashMap<>();
    /** Calls a reconcile found gone, by uniqueid: ended at the deadline (nanoTime) unless their Hangup comes first. */
    private final Map<String, Long> missing = new HashMap<>();
    /** Calls a stopped platform left open, by their stored uniqueid, until the first resync of every server. */
    private final Map<String, OpenCall> toRecover = new HashMap<>();
    /** Servers whose channels were listed since {@link #recover} was called. */
    private final Set<String> listedForRecovery = new HashSet<>();
    private Consumer<Recovered> recoveryAnswer;

    ChannelResync(ChannelBook book, FollowedCalls followed, DeviceBook devices, CallEventMapper mapper,
                  ProblemLog problems, List<String> servers, Predicate<String> connected, Clock clock,
                  Duration missingGrace) {
        this.book = book;
        this.followed = followed;
        this.devices = devices;
        this.mapper = mapper;
        this.problems = problems;
        this.servers = List.copyOf(servers);
        this.connected = connected;
        this.clock = clock;
        this.missingGraceNanos = missingGrace.toNanos();
    }

    private Instant now() {
        return Times.now(clock);
    }

    /** A channel appeared (an event or a list named it): it is not missing any more. */
    void channelSeen(String uid) {
        missing.remove(uid);
    }

    /** Its Hangup came: no need to end it after a grace period. */
    void hungUp(String uid) {
        missing.remove(uid);
    }

    /**
     * A resync of {@code server} begins; its CoreShowChannels / DeviceStateList carry these ActionIDs.
     *
     * @param periodic a reconcile of a link that stayed connected (a call found gone lost its events), not the
     *                 resync after a (re)connect (a call found gone ended while AMI was disconnected)
     * @param snapshot the calls followed when the lists were asked for
     */
    CompletableFuture<ResyncResult> begin(String server, String channelsId, String devicesId, boolean periodic,
                                          Snapshot snapshot) {
        long epoch = book.nextEpoch(server);
        devices.beginResync(server);
        Set<String> candidates = new HashSet<>();
        for (String id : followed.snapshot()) {
            FollowedCalls.Originated o = followed.originated(id);
            boolean before = o != null ? o.since() - snapshot.startNanos() <= 0 : snapshot.tracked().contains(id);
            if (before) {
                candidates.add(id);
            }
        }
        Resync r = new Resync(server, epoch, channelsId, devicesId, candidates, periodic);
        Resync old = resyncs.put(server, r);
        if (old != null) {
            old.done.completeExceptionally(new ConflictException("resync of " + server + " superseded"));
        }
        return r.done;
    }

    /** Asterisk refused one of the resync actions (e.g. a class missing in manager.conf). */
    void refused(String server, String actionId, String message) {
        Resync r = resyncs.get(server);
        if (r == null || actionId == null) {
            return;
        }
        if (actionId.equals(r.channelsId) && !r.channelsDone) {
            problems.warn("refused-channels-" + server, "AMI server {}: CoreShowChannels refused ({}): calls that ended"
                    + " while AMI was disconnected cannot be detected", server, message);
            r.channelsDone = true;
            recoveryListed(server); // nothing can be found on it
        } else if (actionId.equals(r.devicesId) && !r.devicesDone) {
            problems.warn("refused-devices-" + server, "AMI server {}: DeviceStateList refused ({}): phone states are"
                    + " only known from live changes", server, message);
            r.devicesDone = true;
        }
        complete(r);
    }

    /** One channel of {@code server}'s list: in the book with the resync's epoch, in the bridge listed. */
    void channelListed(String server, CoreShowChannelEvent e) {
        Resync r = resyncs.get(server);
        if (r == null || e.getActionId() == null || !e.getActionId().equals(r.channelsId)) {
            return; // another client's list
        }
        LiveChannel c = book.ensure(server, e.getUniqueid(), e.getChannel());
        if (c == null) {
            return;
        }
        r.channels++;
        c.epoch = r.epoch;
        OpenCall open = toRecover.remove(c.uid);
        if (open != null) {
            followAgain(open, c, e);
        }
        String bridgeId = e.getBridgeid();
        if (bridgeId == null || bridgeId.isBlank()) {
            if (c.bridge != null) {
                mapper.leave(c, false);
            }
        } else {
            String key = ChannelBook.bridgeKey(server, bridgeId);
            if (!key.equals(c.bridge)) {
                if (c.bridge != null) {
                    mapper.leave(c, false);
                }
                book.place(c, key);
            }
        }
    }

    /** {@code server}'s list is complete: what it did not list is gone. */
    void channelsListed(String server, String actionId) {
        Resync r = resyncs.get(server);
        if (r == null || actionId == null || !actionId.equals(r.channelsId) || r.channelsDone) {
            return;
        }
        Instant at = now();
        for (LiveChannel c : book.staleOn(server, r.epoch)) {
            book.remove(c.uid, false);
            if (followed.followed(c.uid)) {
                gone(r, c.uid, at);
            } else {
                followed.forgetOriginate(c.uid);
            }
        }
        boolean othersConnected = true;
        for (String other : servers) {
            if (!other.equals(server) && !connected.test(other)) {
                othersConnected = false;
            }
        }
        if (othersConnected) {
            // followed before this resync began, listed by no server: it ended while we could not see it
            for (String id : r.candidates) {
                if (followed.followed(id) && !book.contains(id) && !missing.containsKey(id)) {
                    gone(r, id, at);
                }
            }
        }
        r.channelsDone = true;
        recoveryListed(server);
        complete(r);
    }

    /**
     * A followed call Asterisk no longer lists. After a reconnect it ended while AMI was disconnected: ended now. On
     * a connected link its Hangup may still be on its way (Asterisk lists channels and sends events independently):
     * it is ended after a grace period unless the Hangup arrives.
     */
    private void gone(Resync r, String uid, Instant at) {
        r.ended++;
        if (r.periodic) {
            missing.putIfAbsent(uid, System.nanoTime() + missingGraceNanos);
        } else {
            mapper.end(uid, HangupParty.SYSTEM, r.cause, at);
        }
    }

    /** One device state event: counted when it is an item of the resync's DeviceStateList. */
    void deviceListed(String server, String actionId) {
        Resync r = resyncs.get(server);
        if (r != null && actionId != null && actionId.equals(r.devicesId)) {
            r.devices++;
        }
    }

    void devicesListed(String server, String actionId) {
        Resync r = resyncs.get(server);
        if (r == null || actionId == null || !actionId.equals(r.devicesId) || r.devicesDone) {
            return;
        }
        devices.finishResync(server, now());
        r.devicesDone = true;
        complete(r);
    }

    private void complete(Resync r) {
        if (r.channelsDone && r.devicesDone) {
            resyncs.remove(r.server, r);
            r.done.complete(new ResyncResult(r.channels, r.devices, r.ended));
        }
    }

    /** The link of {@code server} went down: a resync in progress will not finish. */
    void linkLost(String server) {
        Resync r = resyncs.remove(server);
        if (r != null) {
            r.done.completeExceptionally(new ConflictException("connection to " + server + " lost during resync"));
        }
    }

    /** Ends the calls a reconcile found gone whose Hangup did not come within the grace period. */
    void sweep() {
        if (missing.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<String> due = new ArrayList<>();
        missing.forEach((id, deadline) -> {
            if (now - deadline >= 0) {
                due.add(id);
            }
        });
        for (String id : due) {
            missing.remove(id);
            if (followed.followed(id) && !book.contains(id)) {
                LOG.warn("call {}: no longer on Asterisk although its Hangup never arrived; ended", id);
                mapper.end(id, HangupParty.SYSTEM, NOT_ON_THE_SWITCH, now());
            }
        }
    }

    // ------------------------------------------------------------------ recovery after a platform restart

    /**
     * A stopped platform left these calls open (their records have no outcome); they are answered once each, after
     * the first channel list of every server (see {@link AmiGateway#recover}).
     */
    void recover(List<OpenCall> open, Consumer<Recovered> answer) {
        recoveryAnswer = answer;
        listedForRecovery.clear();
        for (OpenCall call : open) {
            String uid = call.switchCallId();
            if (uid == null || uid.isBlank()) {
                answer.accept(new Gone(call.callId())); // no uniqueid stored: it cannot be found again
            } else {
                toRecover.put(uid, call);
            }
        }
        LOG.info("{} call(s) left open by an earlier run to look for on Asterisk", toRecover.size());
        if (servers.isEmpty()) {
            recoveryListed(null); // no server to look on: every one is gone
        }
    }

    /** The channel of an open call is still on Asterisk: followed again under its platform id until its Hangup. */
    private void followAgain(OpenCall open, LiveChannel c, CoreShowChannelEvent e) {
        followed.calls().track(c.uid, c.name);
        followed.calls().bind(c.uid, open.callId());
        String data = e.getApplicationdata() == null ? null : e.getApplicationdata().strip();
        boolean fallback = "Queue".equalsIgnoreCase(e.getApplication()) && data != null
                && data.startsWith(FALLBACK_QUEUE)
                && (data.length() == FALLBACK_QUEUE.length() || data.charAt(FALLBACK_QUEUE.length()) == ',');
        LOG.info("call {} (uniqueid {} on {}) is still on Asterisk{}; followed again", open.callId(), c.uid,
                c.server, fallback ? " in the fallback queue" : " (" + e.getApplication() + ")");
        recoveryAnswer.accept(fallback ? new InFallback(open.callId()) : new Followed(open.callId()));
    }

    /** {@code server}'s channels were listed (or could not be): when every server's were, the rest are gone. */
    private void recoveryListed(String server) {
        if (recoveryAnswer == null) {
            return;
        }
        if (server != null) {
            listedForRecovery.add(server);
        }
        if (!listedForRecovery.containsAll(servers)) {
            return;
        }
        for (OpenCall call : toRecover.values()) {
            recoveryAnswer.accept(new Gone(call.callId()));
        }
        toRecover.clear();
        recoveryAnswer = null;
    }
}
