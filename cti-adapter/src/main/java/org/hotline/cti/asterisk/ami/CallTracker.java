package org.hotline.cti.asterisk.ami;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.asteriskjava.manager.event.AbstractHoldEvent;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.BridgeDestroyEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.BridgeLeaveEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.CoreShowChannelsCompleteEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.HoldEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MixMonitorStartEvent;
import org.asteriskjava.manager.event.MixMonitorStopEvent;
import org.asteriskjava.manager.event.MusicOnHoldStartEvent;
import org.asteriskjava.manager.event.MusicOnHoldStopEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.RenameEvent;
import org.asteriskjava.manager.event.SoftHangupRequestEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.ami.wire.DeviceStateEvent;
import org.hotline.cti.asterisk.ami.wire.DeviceStateListCompleteEvent;
import org.hotline.platform.Times;
import org.hotline.platform.call.OpenCall;
import org.hotline.platform.telephony.CallRecovery.Followed;
import org.hotline.platform.telephony.CallRecovery.Gone;
import org.hotline.platform.telephony.CallRecovery.InFallback;
import org.hotline.platform.telephony.CallRecovery.Recovered;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.CallEvent.DialProgress;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.event.HotlineEvent;
import org.hotline.platform.telephony.DeviceState;
import org.hotline.platform.telephony.Devices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Asterisk's AMI events mean for the platform: follows every live channel and bridge of every server and
 * publishes, for the calls the platform handles ({@link AsteriskCalls}, plus click-to-dial calls), {@code CallHungUp}
 * (exactly once, then the call is forgotten), {@code CallDialProgress} (DialBegin / DialEnd), {@code CallHoldChanged},
 * {@code CallTransferred} and {@code RecordingChanged}; and {@code DeviceStateChanged} for the phones.
 *
 * <p><b>Confined to the gateway's single event thread</b> (every method), so events are handled one at a time, in
 * the order each server sent them, and actions are prepared against the state as of the events handled so far.
 *
 * <p><b>Who hung up.</b> The first of these signals on the call's channel decides, whatever follows: a bridge peer
 * (the agent) leaving the call's bridge while the call stays in it -> AGENT (cancelled when that peer enters another
 * bridge, as in an attended transfer's consultation, or when someone joins the call's bridge); a
 * {@code HangupRequest} (the far end, i.e. the caller's phone or trunk, hung up) -> CALLER; a
 * {@code SoftHangupRequest} (Asterisk itself: dialplan, AGI, an application) -> SYSTEM. A call Hotline hung up with
 * the Hangup action is SYSTEM; with no signal at all, CALLER. For a click-to-dial call the followed channel is the
 * agent's phone, so AGENT and CALLER swap.
 */
final class CallTracker {
    static final String ENDED_WHILE_DISCONNECTED = "ended while AMI was disconnected";
    static final String NOT_ON_THE_SWITCH = "no longer on the switch";
    private static final Logger LOG = LoggerFactory.getLogger(CallTracker.class);
    private static final int RECENTLY_ENDED_KEPT = 10_000;
    private static final String MIXMONITOR_FILENAME = "MIXMONITOR_FILENAME";
    private static final String FALLBACK_QUEUE = AmiGateway.FALLBACK_QUEUE;

    /** What ended a channel first. */
    enum Signal { PEER_LEFT, REMOTE_HANGUP, LOCAL_HANGUP }

    /** A live channel on one server. */
    static final class Chan {
        final String server;
        final String uid;
        String name;
        String bridge;
        String lastBridge;
        long epoch;
        Signal signal;
        String peerLeft;
        /** The Q.850 cause of the channel's last HangupRequest / SoftHangupRequest that carried one (not 0). */
        Integer requestedCause;

        Chan(String server, String uid, String name, long epoch) {
            this.server = server;
            this.uid = uid;
            this.name = name;
            this.epoch = epoch;
        }

        void signal(Signal s, String peer) {
            if (signal == null) {
                signal = s;
                peerLeft = peer;
            }
        }

        void clearPeerLeft() {
            if (signal == Signal.PEER_LEFT) {
                signal = null;
                peerLeft = null;
            }
        }
    }

    /** The in-call feature state of a followed call. */
    private static final class Features {
        boolean hangupSent;
        boolean onHold;
        boolean recording;
        String file;
        String requestedFile;
        String variableFile;
        String transferTarget;
        TransferKind transferKind;
    }

    /** A dial of a followed call: the call, and the device dialled. */
    private record Dial(String callId, String destination) {
    }

    /** A call Hotline originated (click-to-dial or a supervisor's spy leg), until it ends. */
    private record Originated(String id, String server, boolean spy, String actionId) {
    }

    /** A channel that ended while nobody followed it (the FastAGI side may track it a moment later). */
    private record Ended(HangupParty party, String cause, Instant at) {
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

    /** What a resync found. */
    record ResyncResult(int channels, int devices, int callsEnded) {
    }

    /** Where an action goes: the server, and the channel (name and uniqueid) it acts on. */
    record Target(String server, String channel, String uid) {
    }

    private final EventBus bus;
    private final Clock clock;
    private final AsteriskCalls calls;
    private final ProblemLog problems;
    private final DeviceBook devices;
    private final Predicate<String> connected;
    private final List<String> servers;
    private final Map<String, Chan> channels = new HashMap<>();
    private final Map<String, Set<String>> bridges = new HashMap<>();
    private final Map<String, Features> features = new HashMap<>();
    private final Map<String, Originated> originated = new HashMap<>();
    /** Dials of followed calls still ringing, by the dialled channel's uniqueid (until its first DialEnd or Hangup). */
    private final Map<String, Dial> dials = new HashMap<>();
    private final Map<String, String> originateByAction = new HashMap<>();
    private final Map<String, Long> epochs = new HashMap<>();
    private final Map<String, Resync> resyncs = new HashMap<>();
    /** Calls a reconcile found gone, by uniqueid: ended at the deadline (nanoTime) unless their Hangup comes first. */
    private final Map<String, Long> missing = new HashMap<>();
    private final long missingGraceNanos;
    /** Calls a stopped platform left open, by their stored uniqueid, until the first resync of every server. */
    private final Map<String, OpenCall> toRecover = new HashMap<>();
    /** Servers whose channels were listed since {@link #recover} was called. */
    private final Set<String> listedForRecovery = new HashSet<>();
    private Consumer<Recovered> recoveryAnswer;
    private final LinkedHashMap<String, Ended> recentlyEnded = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ended> eldest) {
            return size() > RECENTLY_ENDED_KEPT;
        }
    };

    /**
     * @param servers      the names of every configured Asterisk server
     * @param connected    whether a server's link is CONNECTED (logged in and resynchronised)
     * @param missingGrace how long a call a reconcile found gone waits for its own Hangup before it is ended
     */
    CallTracker(EventBus bus, Clock clock, AsteriskCalls calls, ProblemLog problems, List<String> servers,
                Predicate<String> connected, java.time.Duration missingGrace) {
        this.bus = bus;
        this.missingGraceNanos = missingGrace.toNanos();
        this.servers = List.copyOf(servers);
        this.clock = clock;
        this.calls = calls;
        this.problems = problems;
        this.connected = connected;
        this.devices = new DeviceBook(this::publish);
    }

    DeviceBook devices() {
        return devices;
    }

    // ------------------------------------------------------------------ events

    /** Handles one event of {@code server}; never throws. */
    void onEvent(String server, ManagerEvent event) {
        try {
            dispatch(server, event);
        } catch (RuntimeException e) {
            if (problems.warn("handler-" + event.getClass().getSimpleName() + "-" + e.getClass().getSimpleName(),
                    "AMI server {}: could not handle {}: {}", server, event.getClass().getSimpleName(), e.toString())) {
                LOG.warn("stack of the first failure", e);
            }
        }
    }

    private void dispatch(String server, ManagerEvent event) {
        switch (event) {
            case VarSetEvent e -> varSet(e);
            case DeviceStateEvent e -> deviceState(server, e);
            case NewChannelEvent e -> newChannel(server, e.getUniqueId(), e.getChannel());
            case HangupEvent e -> hangup(server, e);
            case BridgeEnterEvent e -> bridgeEnter(server, e);
            case BridgeLeaveEvent e -> bridgeLeave(server, e.getBridgeUniqueId(), e.getUniqueId());
            case BridgeDestroyEvent e -> bridges.remove(bridgeKey(server, e.getBridgeUniqueId()));
            case HangupRequestEvent e -> signal(server, e.getUniqueId(), e.getChannel(), Signal.REMOTE_HANGUP,
                    e.getCause());
            case SoftHangupRequestEvent e -> signal(server, e.getUniqueId(), e.getChannel(), Signal.LOCAL_HANGUP,
                    e.getCause());
            case AbstractHoldEvent e -> holdSignal(e.getUniqueId(), e instanceof HoldEvent);
            case MusicOnHoldStartEvent e -> musicOnHold(e.getUniqueId(), true);
            case MusicOnHoldStopEvent e -> musicOnHold(e.getUniqueId(), false);
            case MixMonitorStartEvent e -> recording(e.getUniqueId(), true);
            case MixMonitorStopEvent e -> recording(e.getUniqueId(), false);
            case DialBeginEvent e -> dialBegin(e);
            case DialEndEvent e -> dialEnd(e);
            case BlindTransferEvent e -> blindTransfer(e);
            case AttendedTransferEvent e -> attendedTransfer(e);
            case OriginateResponseEvent e -> originateResponse(server, e);
            case CoreShowChannelEvent e -> channelListed(server, e);
            case CoreShowChannelsCompleteEvent e -> channelsListed(server, e.getActionId());
            case DeviceStateListCompleteEvent e -> devicesListed(server, e.getActionId());
            case RenameEvent e -> rename(e.getUniqueId(), e.getNewname());
            default -> {
                // every other event is of no use to the platform: ignored on purpose
            }
        }
    }

    private Instant now() {
        return Times.now(clock);
    }

    private void publish(HotlineEvent event) {
        bus.publish(event);
    }

    private boolean followed(String uid) {
        if (uid == null) {
            return false;
        }
        Originated o = originated.get(uid);
        return o != null ? !o.spy() : calls.isTracked(uid);
    }

    private Features featuresOf(String uid) {
        return features.computeIfAbsent(uid, u -> new Features());
    }

    private long epoch(String server) {
        return epochs.getOrDefault(server, 0L);
    }

    private Chan ensure(String server, String uid, String name) {
        if (uid == null || uid.isEmpty()) {
            return null;
        }
        Chan c = channels.get(uid);
        if (c == null) {
            c = new Chan(server, uid, name, epoch(server));
            channels.put(uid, c);
            missing.remove(uid);
            Originated o = originated.get(uid);
            if (o != null && !o.spy() && name != null && !calls.isTracked(uid)) {
                calls.track(uid, name);
            }
        } else if (name != null && !name.equals(c.name)) {
            c.name = name;
        }
        return c;
    }

    private static String bridgeKey(String server, String bridgeId) {
        return server + '\u0000' + bridgeId;
    }

    private void newChannel(String server, String uid, String name) {
        if (uid == null || name == null) {
            problems.warn("newchannel-incomplete", "AMI server {}: a Newchannel event without Uniqueid or Channel",
                    server);
            return;
        }
        ensure(server, uid, name);
    }

    private void rename(String uid, String newName) {
        Chan c = uid == null ? null : channels.get(uid);
        if (c == null || newName == null) {
            return;
        }
        c.name = newName;
        if (calls.isTracked(uid)) {
            calls.track(uid, newName);
        }
    }

    private void signal(String server, String uid, String name, Signal signal, Integer cause) {
        Chan c = ensure(server, uid, name);
        if (c != null) {
            c.signal(signal, null);
            if (cause != null && cause != 0) {
                c.requestedCause = cause;
            }
        }
    }

    private void bridgeEnter(String server, BridgeEnterEvent e) {
        String uid = e.getUniqueId();
        String bridgeId = e.getBridgeUniqueId();
        Chan c = ensure(server, uid, e.getChannel());
        if (c == null || bridgeId == null) {
            problems.warn("bridge-incomplete", "AMI server {}: a BridgeEnter event without Uniqueid or BridgeUniqueid",
                    server);
            return;
        }
        String key = bridgeKey(server, bridgeId);
        if (c.bridge != null && !c.bridge.equals(key)) {
            leave(c, false);
        }
        // a peer that left some call's bridge and now joins another one (an attended transfer's consultation) did not
        // hang up on that call
        if (c.lastBridge != null) {
            for (String other : bridges.getOrDefault(c.lastBridge, Set.of())) {
                Chan o = channels.get(other);
                if (o != null && uid.equals(o.peerLeft)) {
                    o.clearPeerLeft();
                }
            }
        }
        Set<String> members = bridges.computeIfAbsent(key, k -> new LinkedHashSet<>());
        for (String other : members) {
            Chan o = channels.get(other);
            if (o != null) {
                o.clearPeerLeft(); // someone joined its bridge: it is talking to someone again
            }
        }
        members.add(uid);
        c.bridge = key;
        c.clearPeerLeft();
    }

    private void bridgeLeave(String server, String bridgeId, String uid) {
        Chan c = uid == null ? null : channels.get(uid);
        if (c == null || c.bridge == null || bridgeId == null || !c.bridge.equals(bridgeKey(server, bridgeId))) {
            return;
        }
        leave(c, true);
    }

    /** Takes {@code c} out of its bridge (it goes on); the members left behind learn that a peer left first. */
    private void leave(Chan c, boolean signalPeers) {
        detach(c, signalPeers);
        Features f = features.get(c.uid);
        if (f != null && f.onHold && followed(c.uid)) {
            setHold(c.uid, false); // e.g. transferred while on hold: nobody holds it any more
        }
    }

    /** Takes {@code c} out of its bridge without touching its own state (it is ending). */
    private void detach(Chan c, boolean signalPeers) {
        Set<String> members = bridges.get(c.bridge);
        if (members != null) {
            members.remove(c.uid);
            if (signalPeers) {
                for (String other : members) {
                    Chan o = channels.get(other);
                    if (o != null) {
                        o.signal(Signal.PEER_LEFT, c.uid);
                    }
                }
            }
            if (members.isEmpty()) {
                bridges.remove(c.bridge);
            }
        }
        c.lastBridge = c.bridge;
        c.bridge = null;
    }

    private List<String> peersOf(Chan c) {
        if (c == null || c.bridge == null) {
            return List.of();
        }
        List<String> peers = new ArrayList<>(2);
        for (String m : bridges.getOrDefault(c.bridge, Set.of())) {
            if (!m.equals(c.uid)) {
                peers.add(m);
            }
        }
        return peers;
    }

    private void hangup(String server, HangupEvent e) {
        String uid = e.getUniqueId();
        if (uid == null) {
            problems.warn("hangup-incomplete", "AMI server {}: a Hangup event without Uniqueid", server);
            return;
        }
        Chan c = channels.remove(uid);
        missing.remove(uid);
        dials.remove(uid);
        if (c != null && c.bridge != null) {
            detach(c, true);
        }
        String cause = AmiMapping.cause(e.getCauseTxt(), e.getCause(), c == null ? null : c.requestedCause);
        Originated o = originated.get(uid);
        if (o != null && o.spy()) {
            forgetOriginate(uid);
            return;
        }
        HangupParty party = party(uid, c);
        if (followed(uid)) {
            end(uid, party, cause, now());
        } else {
            recentlyEnded.put(uid, new Ended(party, cause, now()));
        }
    }

    private HangupParty party(String uid, Chan c) {
        Features f = features.get(uid);
        if (f != null && f.hangupSent) {
            return HangupParty.SYSTEM;
        }
        Signal s = c == null ? null : c.signal;
        boolean agentSide = originated.containsKey(uid); // click-to-dial: the followed channel is the agent's phone
        if (s == null) {
            return agentSide ? HangupParty.AGENT : HangupParty.CALLER;
        }
        return switch (s) {
            case PEER_LEFT -> agentSide ? HangupParty.CALLER : HangupParty.AGENT;
            case REMOTE_HANGUP -> agentSide ? HangupParty.AGENT : HangupParty.CALLER;
            case LOCAL_HANGUP -> HangupParty.SYSTEM;
        };
    }

    /** Publishes the end of a followed call - once: afterwards it is no longer followed. */
    private void end(String uid, HangupParty party, String cause, Instant at) {
        Features f = features.remove(uid);
        if (f != null && f.recording) {
            publish(new RecordingChanged(uid, false, f.file, at));
        }
        dials.values().removeIf(d -> d.callId().equals(uid));
        publish(new CallHungUp(uid, party, cause, at));
        calls.forget(uid);
        forgetOriginate(uid);
        LOG.debug("call {} ended: {} ({})", uid, party, cause);
    }

    /**
     * Settles calls tracked after their channel had already hung up, and calls a reconcile found gone whose Hangup
     * did not come within the grace period.
     */
    void sweep() {
        for (String id : calls.callIds()) {
            Ended e = recentlyEnded.remove(id);
            if (e != null && !channels.containsKey(id)) {
                end(id, e.party(), e.cause(), e.at());
            }
        }
        if (!missing.isEmpty()) {
            long now = System.nanoTime();
            List<String> due = new ArrayList<>();
            missing.forEach((id, deadline) -> {
                if (now - deadline >= 0) {
                    due.add(id);
                }
            });
            for (String id : due) {
                missing.remove(id);
                if (followed(id) && !channels.containsKey(id)) {
                    LOG.warn("call {}: no longer on Asterisk although its Hangup never arrived; ended", id);
                    end(id, HangupParty.SYSTEM, NOT_ON_THE_SWITCH, now());
                }
            }
        }
    }

    // ------------------------------------------------------------------ dials

    /**
     * A followed call dials a device: its own channel dials ({@code Uniqueid} is the call: the agent's phone for a
     * queued call, the customer for a click-to-dial call, a transfer's target), or Asterisk rings the phone of a call
     * Hotline originated (no {@code Uniqueid}, {@code DestUniqueid} is the call). Dials of other channels, and of
     * spy legs, are not the platform's.
     */
    private void dialBegin(DialBeginEvent e) {
        String destUid = e.getDestUniqueId();
        if (destUid == null || destUid.isEmpty()) {
            return;
        }
        String callId = e.getUniqueId();
        if (callId == null || callId.isEmpty()) {
            Originated o = originated.get(destUid);
            callId = o != null && !o.spy() ? destUid : null;
        }
        if (callId == null || !followed(callId)) {
            return;
        }
        String destination = AmiMapping.deviceOfChannel(e.getDestChannel());
        if (destination == null) {
            destination = e.getDialString();
        }
        dials.put(destUid, new Dial(callId, destination));
        publish(new CallDialProgress(callId, destination, DialProgress.RINGING, now()));
    }

    /**
     * How a dial of a followed call ended, from its first {@code DialEnd}: Asterisk may send a second one for the
     * same channel (a queue member that did not answer gives NOANSWER, then CANCEL), which is dropped.
     */
    private void dialEnd(DialEndEvent e) {
        String destUid = e.getDestUniqueId();
        Dial dial = destUid == null ? null : dials.remove(destUid);
        if (dial == null || !followed(dial.callId())) {
            return;
        }
        publish(new CallDialProgress(dial.callId(), dial.destination(), AmiMapping.dialProgress(e.getDialStatus()),
                now()));
    }

    // ------------------------------------------------------------------ hold, recording, transfer

    private void holdSignal(String uid, boolean onHold) {
        Chan c = uid == null ? null : channels.get(uid);
        if (followed(uid)) {
            setHold(uid, onHold);
        }
        for (String peer : peersOf(c)) {
            if (followed(peer)) {
                setHold(peer, onHold);
            }
        }
    }

    private void musicOnHold(String uid, boolean start) {
        if (!followed(uid)) {
            return;
        }
        if (start) {
            // music while bridged with someone is a hold; music while waiting in a queue or the IVR is not
            if (!peersOf(channels.get(uid)).isEmpty()) {
                setHold(uid, true);
            }
        } else {
            Features f = features.get(uid);
            if (f != null && f.onHold) {
                setHold(uid, false);
            }
        }
    }

    private void setHold(String uid, boolean onHold) {
        Features f = featuresOf(uid);
        if (f.onHold != onHold) {
            f.onHold = onHold;
            publish(new CallHoldChanged(uid, onHold, now()));
        }
    }

    private void varSet(VarSetEvent e) {
        if (!MIXMONITOR_FILENAME.equals(e.getVariable())) {
            return;
        }
        String uid = e.getUniqueId();
        if (followed(uid)) {
            featuresOf(uid).variableFile = e.getValue();
        }
    }

    private void recording(String uid, boolean started) {
        if (!followed(uid)) {
            return;
        }
        Features f = featuresOf(uid);
        if (started && !f.recording) {
            f.recording = true;
            f.file = f.requestedFile != null ? f.requestedFile : f.variableFile;
            publish(new RecordingChanged(uid, true, f.file, now()));
        } else if (!started && f.recording) {
            f.recording = false;
            f.requestedFile = null;
            f.variableFile = null;
            publish(new RecordingChanged(uid, false, f.file, now()));
        }
    }

    private void blindTransfer(BlindTransferEvent e) {
        if (!"Success".equalsIgnoreCase(e.getResult())) {
            return;
        }
        String call = firstFollowed(e.getTransfereeUniqueId(), e.getTransfererUniqueId());
        if (call != null) {
            transferred(call, TransferKind.BLIND, e.getExtension());
        }
    }

    private void attendedTransfer(AttendedTransferEvent e) {
        if (!"Success".equalsIgnoreCase(e.getResult())) {
            return;
        }
        String call = firstFollowed(e.getTransfereeUniqueid(), e.getOrigTransfererUniqueid(),
                e.getSecondTransfererUniqueid());
        if (call != null) {
            String target = e.getTransferTargetExten() != null ? e.getTransferTargetExten()
                    : e.getSecondTransfererExten();
            transferred(call, TransferKind.ATTENDED, target);
        }
    }

    private String firstFollowed(String... uids) {
        for (String u : uids) {
            if (followed(u)) {
                return u;
            }
        }
        return null;
    }

    private void transferred(String uid, TransferKind kind, String reported) {
        Features f = featuresOf(uid);
        String target = f.transferKind == kind && f.transferTarget != null ? f.transferTarget : reported;
        f.transferKind = null;
        f.transferTarget = null;
        publish(new CallTransferred(uid, kind, target == null ? "" : target, now()));
    }

    // ------------------------------------------------------------------ devices

    private void deviceState(String server, DeviceStateEvent e) {
        Resync r = resyncs.get(server);
        if (r != null && e.getActionId() != null && e.getActionId().equals(r.devicesId)) {
            r.devices++;
        }
        String device = e.getDevice();
        if (!AmiMapping.isPhone(device)) {
            return;
        }
        DeviceState state = AmiMapping.deviceState(e.getState());
        if (state == null) {
            problems.warn("device-state-" + e.getState(), "AMI server {}: unknown device state '{}' of {}; taken as"
                    + " UNKNOWN", server, e.getState(), device);
            state = DeviceState.UNKNOWN;
        }
        devices.update(server, device, state, now());
    }

    // ------------------------------------------------------------------ originate

    private void originateResponse(String server, OriginateResponseEvent e) {
        String id = e.getActionId() == null ? null : originateByAction.get(e.getActionId());
        if (id == null) {
            return; // another client's Originate: events reach every AMI connection
        }
        Originated o = originated.get(id);
        if (o == null) {
            return;
        }
        Integer reason = e.getReason();
        boolean answered = "Success".equalsIgnoreCase(e.getResponse()) || (reason != null && reason == 4);
        if (answered) {
            originateByAction.remove(e.getActionId());
            if (!o.spy() && !calls.isTracked(id) && e.getChannel() != null) {
                calls.track(id, e.getChannel());
            }
            return;
        }
        String cause = AmiMapping.originateFailure(reason);
        LOG.info("AMI server {}: {} {} failed ({})", server, o.spy() ? "spy call" : "click-to-dial call", id, cause);
        if (o.spy()) {
            forgetOriginate(id);
        } else {
            end(id, HangupParty.SYSTEM, cause, now()); // a channel of it may still hang up: no longer followed
        }
    }

    // ------------------------------------------------------------------ resync

    /**
     * A resync of {@code server} begins; its CoreShowChannels / DeviceStateList carry these ActionIDs.
     *
     * @param periodic a reconcile of a link that stayed connected (a call found gone lost its events), not the
     *                 resync after a (re)connect (a call found gone ended while AMI was disconnected)
     */
    CompletableFuture<ResyncResult> beginResync(String server, String channelsId, String devicesId, boolean periodic) {
        long epoch = epochs.merge(server, 1L, Long::sum);
        devices.beginResync(server);
        Set<String> candidates = new HashSet<>(calls.callIds());
        for (Originated o : originated.values()) {
            if (!o.spy()) {
                candidates.add(o.id());
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
    void resyncRefused(String server, String actionId, String message) {
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

    private void channelListed(String server, CoreShowChannelEvent e) {
        Resync r = resyncs.get(server);
        if (r == null || e.getActionId() == null || !e.getActionId().equals(r.channelsId)) {
            return; // another client's list
        }
        Chan c = ensure(server, e.getUniqueid(), e.getChannel());
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
                leave(c, false);
            }
        } else {
            String key = bridgeKey(server, bridgeId);
            if (!key.equals(c.bridge)) {
                if (c.bridge != null) {
                    leave(c, false);
                }
                bridges.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(c.uid);
                c.bridge = key;
            }
        }
    }

    private void channelsListed(String server, String actionId) {
        Resync r = resyncs.get(server);
        if (r == null || actionId == null || !actionId.equals(r.channelsId) || r.channelsDone) {
            return;
        }
        Instant at = now();
        List<Chan> stale = new ArrayList<>();
        for (Chan c : channels.values()) {
            if (c.server.equals(server) && c.epoch < r.epoch) {
                stale.add(c);
            }
        }
        for (Chan c : stale) {
            channels.remove(c.uid);
            if (c.bridge != null) {
                detach(c, false);
            }
            if (followed(c.uid)) {
                gone(r, c.uid, at);
            } else {
                forgetOriginate(c.uid);
            }
        }
        boolean othersConnected = true;
        for (String other : servers) {
            if (!other.equals(server) && !connected.test(other)) {
                othersConnected = false;
            }
        }
        if (othersConnected) {
            // tracked before this resync began, listed by no server: it ended while we could not see it
            for (String id : r.candidates) {
                if (followed(id) && !channels.containsKey(id) && !missing.containsKey(id)) {
                    gone(r, id, at);
                }
            }
        }
        r.channelsDone = true;
        recoveryListed(server);
        complete(r);
    }

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
    private void followAgain(OpenCall open, Chan c, CoreShowChannelEvent e) {
        calls.track(c.uid, c.name);
        calls.bind(c.uid, open.callId());
        boolean fallback = "Queue".equalsIgnoreCase(e.getApplication()) && e.getApplicationdata() != null
                && e.getApplicationdata().strip().startsWith(FALLBACK_QUEUE)
                && (e.getApplicationdata().strip().length() == FALLBACK_QUEUE.length()
                    || e.getApplicationdata().strip().charAt(FALLBACK_QUEUE.length()) == ',');
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
            end(uid, HangupParty.SYSTEM, r.cause, at);
        }
    }

    private void devicesListed(String server, String actionId) {
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

    // ------------------------------------------------------------------ preparing actions

    /** A call the platform knows: tracked, click-to-dial or spy. */
    private Chan requireCall(String id) {
        if (id == null || id.isBlank()) {
            throw new NotFoundException("unknown call: " + id);
        }
        Originated o = originated.get(id);
        if (o == null && !calls.isTracked(id)) {
            throw new NotFoundException("unknown call: " + id);
        }
        Chan c = channels.get(id);
        if (c == null) {
            throw new ConflictException("call " + id + " is not on any Asterisk server Hotline is connected to");
        }
        requireConnected(c.server);
        return c;
    }

    private void requireConnected(String server) {
        if (!connected.test(server)) {
            throw new ConflictException("Asterisk server " + server + " is not connected");
        }
    }

    /** The call's channel; marks the hang-up as Hotline's (party SYSTEM). */
    Target hangupTarget(String id) {
        Chan c = requireCall(id);
        if (followed(id)) {
            featuresOf(id).hangupSent = true;
        }
        return new Target(c.server, c.name, c.uid);
    }

    /** Hotline's Hangup action failed: the call did not end by Hotline's hand after all. */
    void hangupFailed(String id) {
        Features f = features.get(id);
        if (f != null) {
            f.hangupSent = false;
        }
    }

    /** Whether a call is still followed (a failed action on a call that has just ended is no error). */
    boolean isLive(String id) {
        return followed(id) && channels.containsKey(id);
    }

    private Chan requireConnectedCall(String id) {
        Chan c = requireCall(id);
        if (peersOf(c).isEmpty()) {
            throw new ConflictException("call " + id + " is not connected to an agent");
        }
        return c;
    }

    /** The channel bridged with the call (the agent's), for a transfer; remembers the target to report. */
    Target transferTarget(String id, TransferKind kind, String target) {
        Chan c = requireConnectedCall(id);
        Chan peer = channels.get(peersOf(c).getFirst());
        if (peer == null || peer.name == null) {
            throw new ConflictException("call " + id + " is not connected to an agent");
        }
        Features f = featuresOf(id);
        f.transferKind = kind;
        f.transferTarget = target;
        return new Target(peer.server, peer.name, peer.uid);
    }

    /** Asterisk refused the transfer: nothing is pending any more. */
    void transferRefused(String id) {
        Features f = features.get(id);
        if (f != null) {
            f.transferKind = null;
            f.transferTarget = null;
        }
    }

    /** The call's own channel, which must be bridged with someone (hold, recording). */
    Target connectedCall(String id) {
        Chan c = requireConnectedCall(id);
        return new Target(c.server, c.name, c.uid);
    }

    /** Hotline's hold action succeeded. */
    void holdApplied(String id, boolean onHold) {
        if (followed(id)) {
            setHold(id, onHold);
        }
    }

    /** Prepares a recording: the call must be connected and not recorded yet; remembers the file asked for. */
    Target recordingStart(String id, String file) {
        Chan c = requireConnectedCall(id);
        Features f = featuresOf(id);
        if (f.recording) {
            throw new ConflictException("call " + id + " is already being recorded");
        }
        f.requestedFile = file;
        return new Target(c.server, c.name, c.uid);
    }

    void recordingRefused(String id) {
        Features f = features.get(id);
        if (f != null && !f.recording) {
            f.requestedFile = null;
        }
    }

    Target recordingStop(String id) {
        Chan c = requireCall(id);
        return new Target(c.server, c.name, c.uid);
    }

    /**
     * The agent's channel in a call, for ChanSpy: a live channel of any device of {@code agentDevice} (its members,
     * e.g. the desk phone and the browser twin), bridged ones first.
     */
    Target spyTarget(String agentDevice) {
        List<String> prefixes = Devices.members(agentDevice).stream().filter(m -> !m.isEmpty()).map(m -> m + "-")
                .toList();
        Chan best = null;
        for (Chan c : channels.values()) {
            if (c.name != null && startsWithAny(c.name, prefixes) && connected.test(c.server)
                    && (best == null || (best.bridge == null && c.bridge != null))) {
                best = c;
            }
        }
        if (best == null || best.bridge == null) {
            throw new ConflictException("no call connected on " + agentDevice);
        }
        return new Target(best.server, best.name, best.uid);
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** A device to originate from and the server to originate on. */
    record Origin(String server, String device) {
    }

    /**
     * Where to originate from one of {@code members} (a device list: AMI Originate takes one channel): the first
     * member a connected server reports reachable, on that server; else the first member, as {@link #serverFor}.
     */
    Origin originFor(List<String> members) {
        for (String m : members) {
            for (String s : servers) {
                if (connected.test(s) && devices.reachableOn(s, m)) {
                    return new Origin(s, m);
                }
            }
        }
        String first = members.getFirst();
        return new Origin(serverFor(first), first);
    }

    /**
     * The member of {@code members} to ring on {@code server} (the supervisor's phone for ChanSpy, which must run on
     * the agent's server): the first one {@code server} reports reachable, else the first one.
     */
    String deviceOn(String server, List<String> members) {
        for (String m : members) {
            if (devices.reachableOn(server, m)) {
                return m;
            }
        }
        return members.getFirst();
    }

    /**
     * The server to originate from {@code device}: a connected one reporting it reachable, else one that reports it
     * at all, else any connected server (Asterisk then says whether the device exists).
     */
    String serverFor(String device) {
        String reporting = null;
        String any = null;
        for (String s : servers) {
            if (!connected.test(s)) {
                continue;
            }
            if (devices.reachableOn(s, device)) {
                return s;
            }
            if (reporting == null && devices.knownOn(s, device)) {
                reporting = s;
            }
            if (any == null) {
                any = s;
            }
        }
        if (reporting != null) {
            throw new ConflictException("device " + device + " is offline ("
                    + devices.merged(device) + ")");
        }
        if (any == null) {
            throw new ConflictException("no Asterisk server is connected");
        }
        return any;
    }

    /** An Originate is about to be sent; its OriginateResponse (by ActionID) and channel (by id) are followed. */
    void originating(String id, String server, String actionId, boolean spy) {
        originated.put(id, new Originated(id, server, spy, actionId));
        originateByAction.put(actionId, id);
    }

    /** Asterisk refused the Originate (or never answered it): nothing will happen. */
    void originateRefused(String id) {
        forgetOriginate(id);
    }

    private void forgetOriginate(String id) {
        Originated o = originated.remove(id);
        if (o != null) {
            originateByAction.remove(o.actionId());
        }
    }
}
