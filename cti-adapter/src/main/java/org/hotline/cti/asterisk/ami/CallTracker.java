package org.hotline.cti.asterisk.ami;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
import org.hotline.cti.asterisk.ami.ActionTargets.Origin;
import org.hotline.cti.asterisk.ami.ActionTargets.Target;
import org.hotline.cti.asterisk.ami.ChannelResync.ResyncResult;
import org.hotline.cti.asterisk.ami.ChannelResync.Snapshot;
import org.hotline.cti.asterisk.ami.LiveChannel.Signal;
import org.hotline.cti.asterisk.ami.wire.DeviceStateEvent;
import org.hotline.cti.asterisk.ami.wire.DeviceStateListCompleteEvent;
import org.hotline.platform.call.OpenCall;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.telephony.CallRecovery.Recovered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI side's call state, as one object the gateway drives: wires the units that each do one job - the
 * {@link ChannelBook} (channels and bridges), {@link FollowedCalls} (which channels are the platform's calls),
 * {@link CallFeatures} (hold, recording, transfer state), the {@link CallEventMapper} (events -> platform events),
 * {@link ChannelResync} (lists after a reconnect, recovery) and {@link ActionTargets} (where an action goes) - and
 * routes each AMI event to the unit it concerns. It adds no behaviour of its own, so each unit can be tested by
 * feeding it events directly, and the gateway keeps one entry point.
 *
 * <p><b>Confined to the gateway's single event thread</b> (every method), so events are handled one at a time, in
 * the order each server sent them, and actions are prepared against the state as of the events handled so far.
 */
final class CallTracker {
    static final String ENDED_WHILE_DISCONNECTED = ChannelResync.ENDED_WHILE_DISCONNECTED;
    static final String NOT_ON_THE_SWITCH = ChannelResync.NOT_ON_THE_SWITCH;
    private static final Logger LOG = LoggerFactory.getLogger(CallTracker.class);

    private final ProblemLog problems;
    private final AsteriskCalls calls;
    private final DeviceBook devices;
    private final FollowedCalls followed;
    private final CallFeatures features;
    private final ChannelBook book;
    private final CallEventMapper mapper;
    private final ChannelResync resync;
    private final ActionTargets targets;

    /**
     * @param servers      the names of every configured Asterisk server
     * @param connected    whether a server's link is CONNECTED (logged in and resynchronised)
     * @param missingGrace how long a call a reconcile found gone waits for its own Hangup before it is ended
     */
    CallTracker(EventBus bus, Clock clock, AsteriskCalls calls, ProblemLog problems, List<String> servers,
                Predicate<String> connected, Duration missingGrace) {
        this.problems = problems;
        this.calls = calls;
        this.devices = new DeviceBook(bus::publish);
        this.followed = new FollowedCalls(calls);
        this.features = new CallFeatures(bus, clock);
        this.book = new ChannelBook(this::channelAdded);
        this.mapper = new CallEventMapper(bus, clock, problems, book, followed, features, devices);
        this.resync = new ChannelResync(book, followed, devices, mapper, problems, servers, connected, clock,
                missingGrace);
        this.targets = new ActionTargets(book, followed, features, devices, servers, connected);
    }

    private void channelAdded(LiveChannel c) {
        resync.channelSeen(c.uid);
        followed.channelAppeared(c);
    }

    DeviceBook devices() {
        return devices;
    }

    /** The channel book (read by tests: what is left on it after a capture). */
    ChannelBook book() {
        return book;
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
            case VarSetEvent e -> mapper.varSet(e);
            case DeviceStateEvent e -> {
                resync.deviceListed(server, e.getActionId());
                mapper.deviceState(server, e);
            }
            case NewChannelEvent e -> mapper.newChannel(server, e.getUniqueId(), e.getChannel());
            case HangupEvent e -> {
                resync.hungUp(e.getUniqueId());
                mapper.hangup(server, e);
            }
            case BridgeEnterEvent e -> mapper.bridgeEnter(server, e);
            case BridgeLeaveEvent e -> mapper.bridgeLeave(server, e.getBridgeUniqueId(), e.getUniqueId());
            case BridgeDestroyEvent e -> mapper.bridgeDestroy(server, e.getBridgeUniqueId());
            case HangupRequestEvent e -> mapper.signal(server, e.getUniqueId(), e.getChannel(), Signal.REMOTE_HANGUP,
                    e.getCause());
            case SoftHangupRequestEvent e -> mapper.signal(server, e.getUniqueId(), e.getChannel(),
                    Signal.LOCAL_HANGUP, e.getCause());
            case AbstractHoldEvent e -> mapper.holdSignal(e.getUniqueId(), e instanceof HoldEvent);
            case MusicOnHoldStartEvent e -> mapper.musicOnHold(e.getUniqueId(), true);
            case MusicOnHoldStopEvent e -> mapper.musicOnHold(e.getUniqueId(), false);
            case MixMonitorStartEvent e -> mapper.recording(e.getUniqueId(), true);
            case MixMonitorStopEvent e -> mapper.recording(e.getUniqueId(), false);
            case DialBeginEvent e -> mapper.dialBegin(e);
            case DialEndEvent e -> mapper.dialEnd(e);
            case BlindTransferEvent e -> mapper.blindTransfer(e);
            case AttendedTransferEvent e -> mapper.attendedTransfer(e);
            case OriginateResponseEvent e -> mapper.originateResponse(server, e);
            case CoreShowChannelEvent e -> resync.channelListed(server, e);
            case CoreShowChannelsCompleteEvent e -> resync.channelsListed(server, e.getActionId());
            case DeviceStateListCompleteEvent e -> resync.devicesListed(server, e.getActionId());
            case RenameEvent e -> mapper.rename(e.getUniqueId(), e.getNewname());
            default -> {
                // every other event is of no use to the platform: ignored on purpose
            }
        }
    }

    /**
     * Settles calls tracked after their channel had already hung up, and calls a reconcile found gone whose Hangup
     * did not come within the grace period.
     */
    void sweep() {
        mapper.sweep();
        resync.sweep();
    }

    // ------------------------------------------------------------------ resync and recovery

    /** The calls followed now, for a resync about to ask for its lists; any thread. */
    Snapshot snapshot() {
        return new Snapshot(calls.callIds(), System.nanoTime());
    }

    /** A resync of {@code server} begins; only calls followed at {@code snapshot} can be found gone by it. */
    CompletableFuture<ResyncResult> beginResync(String server, String channelsId, String devicesId, boolean periodic,
                                                Snapshot snapshot) {
        return resync.begin(server, channelsId, devicesId, periodic, snapshot);
    }

    /** A resync of {@code server} begins now (the calls followed now are its snapshot). */
    CompletableFuture<ResyncResult> beginResync(String server, String channelsId, String devicesId, boolean periodic) {
        return beginResync(server, channelsId, devicesId, periodic, snapshot());
    }

    void resyncRefused(String server, String actionId, String message) {
        resync.refused(server, actionId, message);
    }

    void linkLost(String server) {
        resync.linkLost(server);
    }

    void recover(List<OpenCall> open, Consumer<Recovered> answer) {
        resync.recover(open, answer);
    }

    // ------------------------------------------------------------------ preparing actions

    Target channelTarget(String uid) {
        return targets.channel(uid);
    }

    Target hangupTarget(String id) {
        return targets.hangup(id);
    }

    /** Hotline's Hangup action failed: the call did not end by Hotline's hand after all. */
    void hangupFailed(String id) {
        features.hangupSent(id, false);
    }

    boolean isLive(String id) {
        return targets.isLive(id);
    }

    Target transferTarget(String id, TransferKind kind, String target) {
        return targets.transfer(id, kind, target);
    }

    /** Asterisk refused the transfer: nothing is pending any more. */
    void transferRefused(String id) {
        features.transferRefused(id);
    }

    Target connectedCall(String id) {
        return targets.connectedCall(id);
    }

    /** Hotline's hold action succeeded. */
    void holdApplied(String id, boolean onHold) {
        if (followed.followed(id)) {
            features.hold(id, onHold);
        }
    }

    Target recordingStart(String id, String file) {
        return targets.recordingStart(id, file);
    }

    void recordingRefused(String id) {
        features.recordingRefused(id);
    }

    Target recordingStop(String id) {
        return targets.recordingStop(id);
    }

    Target spyTarget(String agentDevice) {
        return targets.spy(agentDevice);
    }

    Origin originFor(List<String> members) {
        return targets.originFor(members);
    }

    String deviceOn(String server, List<String> members) {
        return targets.deviceOn(server, members);
    }

    String serverFor(String device) {
        return targets.serverFor(device);
    }

    /** An Originate is about to be sent; its OriginateResponse (by ActionID) and channel (by id) are followed. */
    void originating(String id, String server, String actionId, boolean spy) {
        followed.originating(id, server, actionId, spy);
    }

    /** Asterisk refused the Originate (or never answered it): nothing will happen. */
    void originateRefused(String id) {
        followed.forgetOriginate(id);
    }
}
