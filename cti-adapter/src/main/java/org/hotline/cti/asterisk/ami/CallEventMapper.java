package org.hotline.cti.asterisk.ami;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.ami.LiveChannel.Signal;
import org.hotline.cti.asterisk.ami.wire.DeviceStateEvent;
import org.hotline.platform.Times;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.DialProgress;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.telephony.DeviceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each live AMI event means for the platform: updates the {@link ChannelBook} and publishes, for the followed
 * calls ({@link FollowedCalls}), {@code CallHungUp} (exactly once, then the call is forgotten), {@code
 * CallDialProgress}, and - through {@link CallFeatures} - {@code CallHoldChanged}, {@code CallTransferred} and {@code
 * RecordingChanged}; phones' states go to the {@link DeviceBook}. The mapping of single fields (causes, dial
 * statuses, device names) is {@link AmiMapping}'s; this class decides what a sequence of events says.
 *
 * <p><b>Who hung up.</b> The first of these signals on the call's channel decides, whatever follows: a bridge peer
 * (the agent) leaving the call's bridge while the call stays in it -> AGENT (cancelled when that peer enters another
 * bridge, as in an attended transfer's consultation, or when someone joins the call's bridge); a
 * {@code HangupRequest} (the far end, i.e. the caller's phone or trunk, hung up) -> CALLER; a
 * {@code SoftHangupRequest} (Asterisk itself: dialplan, AGI, an application) -> SYSTEM. A call Hotline hung up with
 * the Hangup action is SYSTEM; with no signal at all, CALLER. For a click-to-dial call the followed channel is the
 * agent's phone, so AGENT and CALLER swap.
 *
 * <p>Confined to the gateway's event thread.
 */
final class CallEventMapper {
    private static final Logger LOG = LoggerFactory.getLogger(CallEventMapper.class);
    private static final int RECENTLY_ENDED_KEPT = 10_000;
    static final String MIXMONITOR_FILENAME = "MIXMONITOR_FILENAME";

    /** A dial of a followed call: the call, and the device dialled. */
    private record Dial(String callId, String destination) {
    }

    /** A channel that ended while nobody followed it (the FastAGI side may track it a moment later). */
    private record Ended(HangupParty party, String cause, Instant at) {
    }

    private final EventBus bus;
    private final Clock clock;
    private final ProblemLog problems;
    private final ChannelBook book;
    private final FollowedCalls followed;
    private final CallFeatures features;
    private final DeviceBook devices;
    /** Dials of followed calls still ringing, by the dialled channel's uniqueid (until its first DialEnd or Hangup). */
    private final Map<String, Dial> dials = new HashMap<>();
    private final LinkedHashMap<String, Ended> recentlyEnded = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ended> eldest) {
            return size() > RECENTLY_ENDED_KEPT;
        }
    };

    CallEventMapper(EventBus bus, Clock clock, ProblemLog problems, ChannelBook book, FollowedCalls followed,
                    CallFeatures features, DeviceBook devices) {
        this.bus = bus;
        this.clock = clock;
        this.problems = problems;
        this.book = book;
        this.followed = followed;
        this.features = features;
        this.devices = devices;
    }

    private Instant now() {
        return Times.now(clock);
    }

    private AsteriskCalls calls() {
        return followed.calls();
    }

    // ------------------------------------------------------------------ channels and bridges

    void newChannel(String server, String uid, String name) {
        if (uid == null || name == null) {
            problems.warn("newchannel-incomplete", "AMI server {}: a Newchannel event without Uniqueid or Channel",
                    server);
            return;
        }
        book.ensure(server, uid, name);
    }

    void rename(String uid, String newName) {
        LiveChannel c = book.get(uid);
        if (c == null || newName == null) {
            return;
        }
        c.name = newName;
        if (calls().isTracked(uid)) {
            calls().track(uid, newName);
        }
    }

    /** A HangupRequest (REMOTE_HANGUP) or SoftHangupRequest (LOCAL_HANGUP) on a channel. */
    void signal(String server, String uid, String name, Signal signal, Integer cause) {
        LiveChannel c = book.ensure(server, uid, name);
        if (c != null) {
            c.signal(signal, null);
            if (cause != null && cause != 0) {
                c.requestedCause = cause;
            }
        }
    }

    void bridgeEnter(String server, BridgeEnterEvent e) {
        String bridgeId = e.getBridgeUniqueId();
        LiveChannel c = book.ensure(server, e.getUniqueId(), e.getChannel());
        if (c == null || bridgeId == null) {
            problems.warn("bridge-incomplete", "AMI server {}: a BridgeEnter event without Uniqueid or BridgeUniqueid",
                    server);
            return;
        }
        String key = ChannelBook.bridgeKey(server, bridgeId);
        if (c.bridge != null && !c.bridge.equals(key)) {
            leave(c, false);
        }
        book.enter(c, key);
    }

    void bridgeLeave(String server, String bridgeId, String uid) {
        LiveChannel c = book.get(uid);
        if (c == null || c.bridge == null || bridgeId == null
                || !c.bridge.equals(ChannelBook.bridgeKey(server, bridgeId))) {
            return;
        }
        leave(c, true);
    }

    void bridgeDestroy(String server, String bridgeId) {
        book.destroyBridge(server, bridgeId);
    }

    /** Takes {@code c} out of its bridge (it goes on); the members left behind learn that a peer left first. */
    void leave(LiveChannel c, boolean signalPeers) {
        book.detach(c, signalPeers);
        if (features.isOnHold(c.uid) && followed.followed(c.uid)) {
            features.hold(c.uid, false); // e.g. transferred while on hold: nobody holds it any more
        }
    }

    // ------------------------------------------------------------------ hang-up

    void hangup(String server, HangupEvent e) {
        String uid = e.getUniqueId();
        if (uid == null) {
            problems.warn("hangup-incomplete", "AMI server {}: a Hangup event without Uniqueid", server);
            return;
        }
        LiveChannel c = book.remove(uid, true);
        dials.remove(uid);
        String cause = AmiMapping.cause(e.getCauseTxt(), e.getCause(), c == null ? null : c.requestedCause);
        if (followed.isSpy(uid)) {
            followed.forgetOriginate(uid);
            return;
        }
        HangupParty party = party(uid, c);
        if (followed.followed(uid)) {
            end(uid, party, cause, now());
        } else {
            recentlyEnded.put(uid, new Ended(party, cause, now()));
        }
    }

    private HangupParty party(String uid, LiveChannel c) {
        if (features.isHangupSent(uid)) {
            return HangupParty.SYSTEM;
        }
        Signal s = c == null ? null : c.signal;
        boolean agentSide = followed.isOriginated(uid); // click-to-dial: the followed channel is the agent's phone
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
    void end(String uid, HangupParty party, String cause, Instant at) {
        features.ended(uid, at);
        dials.values().removeIf(d -> d.callId().equals(uid));
        bus.publish(new CallHungUp(uid, party, cause, at));
        calls().forget(uid);
        followed.forgetOriginate(uid);
        LOG.debug("call {} ended: {} ({})", uid, party, cause);
    }

    /** Settles calls tracked after their channel had already hung up. */
    void sweep() {
        for (String id : calls().callIds()) {
            Ended e = recentlyEnded.remove(id);
            if (e != null && !book.contains(id)) {
                end(id, e.party(), e.cause(), e.at());
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
    void dialBegin(DialBeginEvent e) {
        String destUid = e.getDestUniqueId();
        if (destUid == null || destUid.isEmpty()) {
            return;
        }
        String callId = e.getUniqueId();
        if (callId == null || callId.isEmpty()) {
            callId = followed.isOriginated(destUid) && !followed.isSpy(destUid) ? destUid : null;
        }
        if (callId == null || !followed.followed(callId)) {
            return;
        }
        String destination = AmiMapping.deviceOfChannel(e.getDestChannel());
        if (destination == null) {
            destination = e.getDialString();
        }
        dials.put(destUid, new Dial(callId, destination));
        bus.publish(new CallDialProgress(callId, destination, DialProgress.RINGING, now()));
    }

    /**
     * How a dial of a followed call ended, from its first {@code DialEnd}: Asterisk may send a second one for the
     * same channel (a queue member that did not answer gives NOANSWER, then CANCEL), which is dropped.
     */
    void dialEnd(DialEndEvent e) {
        String destUid = e.getDestUniqueId();
        Dial dial = destUid == null ? null : dials.remove(destUid);
        if (dial == null || !followed.followed(dial.callId())) {
            return;
        }
        bus.publish(new CallDialProgress(dial.callId(), dial.destination(),
                AmiMapping.dialProgress(e.getDialStatus()), now()));
    }

    // ------------------------------------------------------------------ hold, recording, transfer

    /** Hold / Unhold on a channel: its call, and the calls bridged with it (the agent held the caller). */
    void holdSignal(String uid, boolean onHold) {
        LiveChannel c = book.get(uid);
        if (followed.followed(uid)) {
            features.hold(uid, onHold);
        }
        for (String peer : book.peersOf(c)) {
            if (followed.followed(peer)) {
                features.hold(peer, onHold);
            }
        }
    }

    void musicOnHold(String uid, boolean start) {
        if (followed.followed(uid)) {
            features.music(uid, start, book.peersOf(book.get(uid)));
        }
    }

    void varSet(VarSetEvent e) {
        if (MIXMONITOR_FILENAME.equals(e.getVariable()) && followed.followed(e.getUniqueId())) {
            features.recordingVariable(e.getUniqueId(), e.getValue());
        }
    }

    void recording(String uid, boolean started) {
        if (followed.followed(uid)) {
            features.recording(uid, started);
        }
    }

    void blindTransfer(BlindTransferEvent e) {
        if (!"Success".equalsIgnoreCase(e.getResult())) {
            return;
        }
        String call = firstFollowed(e.getTransfereeUniqueId(), e.getTransfererUniqueId());
        if (call != null) {
            features.transferred(call, TransferKind.BLIND, e.getExtension());
        }
    }

    void attendedTransfer(AttendedTransferEvent e) {
        if (!"Success".equalsIgnoreCase(e.getResult())) {
            return;
        }
        String call = firstFollowed(e.getTransfereeUniqueid(), e.getOrigTransfererUniqueid(),
                e.getSecondTransfererUniqueid());
        if (call != null) {
            String target = e.getTransferTargetExten() != null ? e.getTransferTargetExten()
                    : e.getSecondTransfererExten();
            features.transferred(call, TransferKind.ATTENDED, target);
        }
    }

    private String firstFollowed(String... uids) {
        for (String u : uids) {
            if (followed.followed(u)) {
                return u;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ devices and originate

    void deviceState(String server, DeviceStateEvent e) {
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

    void originateResponse(String server, OriginateResponseEvent e) {
        String id = followed.byAction(e.getActionId());
        if (id == null) {
            return; // another client's Originate: events reach every AMI connection
        }
        FollowedCalls.Originated o = followed.originated(id);
        if (o == null) {
            return;
        }
        Integer reason = e.getReason();
        boolean answered = "Success".equalsIgnoreCase(e.getResponse()) || (reason != null && reason == 4);
        if (answered) {
            followed.answered(e.getActionId());
            if (!o.spy() && !calls().isTracked(id) && e.getChannel() != null) {
                calls().track(id, e.getChannel());
            }
            return;
        }
        String cause = AmiMapping.originateFailure(reason);
        LOG.info("AMI server {}: {} {} failed ({})", server, o.spy() ? "spy call" : "click-to-dial call", id, cause);
        if (o.spy()) {
            followed.forgetOriginate(id);
        } else {
            end(id, HangupParty.SYSTEM, cause, now()); // a channel of it may still hang up: no longer followed
        }
    }
}
