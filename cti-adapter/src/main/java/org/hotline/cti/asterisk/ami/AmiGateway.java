package org.hotline.cti.asterisk.ami;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.asteriskjava.manager.action.AtxferAction;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.ManagerAction;
import org.asteriskjava.manager.action.MixMonitorAction;
import org.asteriskjava.manager.action.MuteAudioAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.StopMixMonitorAction;
import org.asteriskjava.manager.event.ManagerEvent;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.ChannelWakeUps;
import org.hotline.cti.asterisk.ami.AmiMapping.Destination;
import org.hotline.cti.asterisk.ami.ChannelResync.ResyncResult;
import org.hotline.cti.asterisk.ami.ActionTargets.Target;
import org.hotline.cti.asterisk.ami.wire.BlindTransferAction;
import org.hotline.platform.call.OpenCall;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.telephony.CallRecovery.Recovered;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.ComponentKind;
import org.hotline.platform.telephony.Devices;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.telephony.SwitchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hotline's AMI side: one managed connection per Asterisk server ({@link AmiServerConfig}), the single source of the
 * switch events of the calls in {@link AsteriskCalls} ({@code CallHungUp} exactly once per call,
 * {@code CallHoldChanged}, {@code CallTransferred}, {@code RecordingChanged}) and of the phones'
 * {@code DeviceStateChanged}; and the in-call
 * actions of the console and supervisors, which throw {@link NotFoundException} for an unknown call id, {@link ConflictException} for a
 * refused action (carrying Asterisk's {@code Message:}) or when no server is connected; {@link #refusalOf} says what
 * each means at the platform's ports ({@code org.hotline.cti.ports.PortBoundary}).
 *
 * <p><b>Threads.</b> Each connection runs on Asterisk-Java ({@link HotlineManagerConnection}, see there what is changed
 * and why), managed by an {@link AmiLink} on its own thread. Asterisk-Java's dispatch thread only hands each event to
 * one single, ordered, unbounded queue ({@code ami-events}); the {@link CallTracker} maps events there, one at a time,
 * and publishes on the {@link EventBus} from that thread. Actions are prepared on that same thread (so they see the
 * state as of every event handled so far), sent from the caller's thread, and their responses awaited there, never on
 * Asterisk-Java's thread.
 *
 * <p><b>Choices where Asterisk offers several ways</b>
 * <ul>
 *   <li>Hold: Asterisk's AMI has no action that starts music on hold on a bridged channel ({@code MusicOnHold} and
 *       {@code StartMusicOnHold} are dialplan applications; a real hold is an indication only the phone sends).
 *       {@link #hold} mutes the caller's channel both ways with {@code MuteAudio}: the bridge and the agent's leg stay
 *       as they are, so the call survives a Hotline restart. A hold pressed on the agent's phone (Asterisk then plays
 *       music to the caller) is followed from the {@code Hold}/{@code Unhold}/{@code MusicOnHold*} events.</li>
 *   <li>Blind transfer: {@code BlindTransfer} on the agent's channel (the channel bridged with the caller), so the
 *       caller goes to the target; attended transfer: {@code Atxfer} on the agent's channel, completed when the agent
 *       hangs up. A target is {@code exten}, {@code exten@context} or a phone {@code PJSIP/1002} (dials 1002), in
 *       {@link AmiOptions#dialContext()} unless given.</li>
 *   <li>Listen / whisper / barge: Originate of the supervisor's phone into {@code ChanSpy(<agent channel>,opts)} with
 *       {@code qE} (listen), {@code qwE} (whisper to the agent), {@code qBE} (barge: talk to both): {@code q} no beep,
 *       {@code E} leave when the agent's channel hangs up. Hang the returned id up to stop.</li>
 *   <li>Recording: {@code MixMonitor} on the caller's channel into {@code hotline/<yyyyMMdd>/<callId>.wav} (relative
 *       to Asterisk's monitor directory); MixMonitorStart/Stop carry no file name, so the name asked for is
 *       reported.</li>
 *   <li>Click-to-dial: asynchronous {@code Originate} of the agent's phone into {@code destination} (in the dial
 *       context), with Hotline's own ActionID (correlating {@code OriginateResponse}) and {@code ChannelId}: a new
 *       platform call id ({@link AsteriskCalls#newCallId}), so the returned call id is the channel's uniqueid at
 *       once and needs no translation. A failed or unanswered origination publishes its
 *       {@code CallHungUp} (SYSTEM, "failed" / "no-answer" / "busy").</li>
 *   <li>{@link #deviceAvailable}: a phone is available when a server reports it in a reachable state (the most
 *       engaged state across servers wins); a phone no server has reported - unknown to Asterisk, or before the first
 *       connection - is <em>not</em> available, so that an agent whose phone is offline or unknown cannot be READY.
 *       During a reconnect the last states reported stay valid until the resync replaces them.</li>
 *   <li>Device lists: an agent's device may be several in Asterisk's Dial syntax, {@code PJSIP/1001&PJSIP/webrtc1001}
 *       (a desk phone and its WebRTC browser twin), which the FastAGI side's Dial rings in parallel. Such a list is
 *       available when any member is, spy finds the agent's call on any member, and click-to-dial rings the first
 *       member reported reachable (else the first member). Device states stay per phone.</li>
 * </ul>
 *
 * <p><b>Call ids.</b> Inside the gateway every call is known by its uniqueid, as AMI names it; the platform knows it
 * by its platform id. The public actions take platform ids and translate them back ({@link AsteriskCalls#switchIdOf}),
 * and every call event leaves through a {@link PlatformIdBus}, which renames it to the platform id.
 *
 * <p><b>Resync after every (re)connect:</b> {@code CoreShowChannels} (a call whose channel is gone is ended: SYSTEM,
 * "ended while AMI was disconnected"; bridges are rebuilt) and {@code DeviceStateList} (phones' states). Actions wait
 * for it: a link is CONNECTED only once resynchronised. The same lists are compared again every
 * {@link AmiOptions#reconcileInterval()} on a connected link, so that an event lost on the way (Asterisk-Java drops
 * events when its own queue is full) cannot leave a call open for ever (SYSTEM, "no longer on the switch").
 */
public final class AmiGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AmiGateway.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final int BACKLOG_WARNING = 50_000;
    /**
     * The dialplan's own queue for the calls the platform cannot take ({@code docker/asterisk/extensions.conf}): a
     * call found in it after a platform restart is closed with outcome FALLBACK.
     */
    public static final String FALLBACK_QUEUE = "hotline-fallback";

    /**
     * The AMI events the gateway handles, by name in lower case: those its socket hands on besides responses and
     * the answers to its own actions (docker/asterisk/manager.conf asks Asterisk for exactly these; checked by the app
     * module's AsteriskConfigContractTest).
     */
    public static Set<String> eventsHandled() {
        return AmiEventFilter.USED;
    }

    private final AmiOptions options;
    private final Clock clock;
    private final Map<String, AmiLink> links = new LinkedHashMap<>();
    private final List<String> names;
    private final ProblemLog problems = new ProblemLog(LOG);
    private final CallTracker tracker;
    private final AsteriskCalls calls;
    private final ThreadPoolExecutor events;
    private final ScheduledExecutorService timer;
    private final String idPrefix;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    public AmiGateway(List<AmiServerConfig> servers, EventBus bus, Clock clock, AsteriskCalls calls) {
        this(servers, bus, clock, calls, AmiOptions.defaults());
    }

    public AmiGateway(List<AmiServerConfig> servers, EventBus bus, Clock clock, AsteriskCalls calls,
                      AmiOptions options) {
        Objects.requireNonNull(servers, "servers");
        Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(calls, "calls");
        this.options = Objects.requireNonNull(options, "options");
        List<String> n = new ArrayList<>();
        for (AmiServerConfig s : servers) {
            if (n.contains(s.name())) {
                throw new IllegalArgumentException("two AMI servers are named " + s.name());
            }
            n.add(s.name());
        }
        this.names = List.copyOf(n);
        this.idPrefix = "hl" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.calls = calls;
        this.tracker = new CallTracker(new PlatformIdBus(bus, calls), clock, calls, problems, names, this::isConnected,
                options.sweepInterval().multipliedBy(5));
        this.events = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                daemon("ami-events"));
        this.timer = new ScheduledThreadPoolExecutor(1, daemon("ami-sweep"));
        Host host = new Host();
        for (AmiServerConfig s : servers) {
            links.put(s.name(), new AmiLink(s, options, problems, host, clock));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts connecting to every server in the background; never blocks, never throws because a server is down. */
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            return;
        }
        for (AmiLink link : links.values()) {
            link.start();
        }
        long sweep = options.sweepInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> submit(tracker::sweep), sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** Each server's link state, by server name, in configuration order. */
    public Map<String, AmiLinkState> links() {
        Map<String, AmiLinkState> m = new LinkedHashMap<>();
        links.forEach((name, link) -> m.put(name, link.state()));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Each AMI link as one part of the node's health ({@code ami:<name>}), in configuration order: up while
     * CONNECTED (logged in and resynchronised), with the time it entered its state and where it points.
     */
    public List<ComponentHealth> health() {
        List<ComponentHealth> parts = new ArrayList<>();
        for (AmiLink link : links.values()) {
            AmiLinkState state = link.state();
            parts.add(new ComponentHealth("ami:" + link.name(), ComponentKind.SWITCH_LINK, state.name(),
                    state == AmiLinkState.CONNECTED, link.since(), link.detail()));
        }
        return List.copyOf(parts);
    }

    private boolean isConnected(String server) {
        AmiLink link = links.get(server);
        return link != null && link.state() == AmiLinkState.CONNECTED;
    }

    private void requireAnyConnected() {
        if (closed.get()) {
            throw new ConflictException("the AMI gateway is closed");
        }
        for (AmiLink link : links.values()) {
            if (link.state() == AmiLinkState.CONNECTED) {
                return;
            }
        }
        throw new ConflictException("no Asterisk server is connected");
    }

    private AmiLink link(String server) {
        AmiLink link = links.get(server);
        if (link == null) {
            throw new ConflictException("unknown Asterisk server " + server);
        }
        return link;
    }

    // ------------------------------------------------------------------ actions

    /**
     * Click-to-dial: rings {@code device} (the agent's phone), which is then connected to {@code destination}. Of a
     * device list ({@code PJSIP/1001&PJSIP/webrtc1001}) the first member some server reports reachable rings, else
     * the first member: Originate takes one channel.
     *
     * @return the new call's id (the uniqueid of the phone's channel); its end comes as {@code CallHungUp}
     */
    public String originate(String device, String destination, String callerId) {
        return originate(newCallId(), device, destination, callerId);
    }

    /** {@link #originate(String, String, String)} under the platform id {@code id}, given as the channel's ChannelId. */
    public String originate(String id, String device, String destination, String callerId) {
        List<String> members = AmiMapping.requireDevices(device, "device");
        Destination d = AmiMapping.destination(destination, options.dialContext());
        requireAnyConnected();
        ActionTargets.Origin origin = onEvents(() -> tracker.originFor(members));
        String server = origin.server();
        OriginateAction o = new OriginateAction();
        o.setChannel(origin.device());
        o.setContext(d.context());
        o.setExten(d.exten());
        o.setPriority(1);
        if (callerId != null && !callerId.isBlank()) {
            o.setCallerId(callerId);
        }
        o.setTimeout(options.originateRing().toMillis());
        o.setAsync(true);
        o.setChannelId(id);
        o.setActionId(nextActionId());
        originate(server, id, o, false);
        LOG.info("click-to-dial {}: {} -> {}@{} on {}", id, origin.device(), d.exten(), d.context(), server);
        return id;
    }

    private void originate(String server, String id, OriginateAction o, boolean spy) {
        onEvents(() -> {
            tracker.originating(id, server, o.getActionId(), spy);
            return null;
        });
        try {
            link(server).call(o);
        } catch (ConflictException e) {
            onEvents(() -> {
                tracker.originateRefused(id);
                return null;
            });
            throw e;
        }
    }

    /** The FastAGI sessions' wake-ups over AMI ({@link AmiWakeUps}). */
    public ChannelWakeUps wakeUps() {
        return new AmiWakeUps(links, uid -> onEvents(() -> tracker.channelTarget(uid)), closed::get);
    }

    /** Hangs up the call (party SYSTEM); a call that has just ended is a no-op. */
    public void hangup(String platformId) {
        String callId = calls.switchIdOf(platformId);
        requireAnyConnected();
        Target t = onEvents(() -> tracker.hangupTarget(callId));
        HangupAction a = new HangupAction(t.channel(), 16);
        try {
            link(t.server()).call(a);
        } catch (ConflictException e) {
            boolean live = onEvents(() -> {
                tracker.hangupFailed(callId);
                return tracker.isLive(callId);
            });
            if (live || !(e instanceof AsteriskRefusedException)) {
                throw e;
            }
        }
    }

    /** Blind transfer of a connected call to {@code target} (published as {@code CallTransferred(BLIND)}). */
    public void transfer(String platformId, String target) {
        String callId = calls.switchIdOf(platformId);
        Destination d = AmiMapping.destination(target, options.dialContext());
        requireAnyConnected();
        Target agent = onEvents(() -> tracker.transferTarget(callId, TransferKind.BLIND, target));
        transferCall(callId, agent, new BlindTransferAction(agent.channel(), d.exten(), d.context()));
    }

    private void transferCall(String callId, Target agent, ManagerAction action) {
        try {
            link(agent.server()).call(action);
        } catch (ConflictException e) {
            onEvents(() -> {
                tracker.transferRefused(callId);
                return null;
            });
            throw e;
        }
    }

    /**
     * Attended transfer: the agent first talks to {@code target}; the transfer completes when the agent hangs up
     * (published as {@code CallTransferred(ATTENDED)} then).
     */
    public void attendedTransfer(String platformId, String target) {
        String callId = calls.switchIdOf(platformId);
        Destination d = AmiMapping.destination(target, options.dialContext());
        requireAnyConnected();
        Target agent = onEvents(() -> tracker.transferTarget(callId, TransferKind.ATTENDED, target));
        AtxferAction a = new AtxferAction();
        a.setChannel(agent.channel());
        a.setExten(d.exten());
        a.setContext(d.context());
        a.setPriority(1);
        transferCall(callId, agent, a);
    }

    /** Puts a connected call on hold (the caller's channel muted both ways) or takes it off hold. */
    public void hold(String platformId, boolean onHold) {
        String callId = calls.switchIdOf(platformId);
        requireAnyConnected();
        Target t = onEvents(() -> tracker.connectedCall(callId));
        link(t.server()).call(new MuteAudioAction(t.channel(), MuteAudioAction.Direction.ALL,
                onHold ? MuteAudioAction.State.MUTE : MuteAudioAction.State.UNMUTE));
        onEvents(() -> {
            tracker.holdApplied(callId, onHold);
            return null;
        });
    }

    /**
     * The supervisor's phone joins the call of {@code agentDevice} through ChanSpy: listen, whisper or barge. The
     * agent's call is found on any device of a device list ({@code PJSIP/1001&PJSIP/webrtc1001}); of a supervisor's
     * device list, the first member the agent's server reports reachable rings, else the first member.
     *
     * @return the id of the supervisor's spy call (hang it up to stop)
     */
    public String spy(String supervisorDevice, String agentDevice, SpyMode mode) {
        List<String> supervisor = AmiMapping.requireDevices(supervisorDevice, "supervisorDevice");
        List<String> agentMembers = AmiMapping.requireDevices(agentDevice, "agentDevice");
        requireAnyConnected();
        Target agent = onEvents(() -> tracker.spyTarget(agentDevice));
        String supervisorPhone = onEvents(() -> tracker.deviceOn(agent.server(), supervisor));
        String agentPhone = agentMembers.stream().filter(m -> agent.channel().startsWith(m + "-")).findFirst()
                .orElse(agentMembers.getFirst());
        String id = newCallId();
        OriginateAction o = new OriginateAction();
        o.setChannel(supervisorPhone);
        o.setApplication("ChanSpy");
        o.setData(agent.channel() + "," + spyOptions(mode == null ? SpyMode.LISTEN : mode));
        o.setCallerId("Hotline <" + agentPhone.substring(agentPhone.indexOf('/') + 1) + ">");
        o.setTimeout(options.originateRing().toMillis());
        o.setAsync(true);
        o.setChannelId(id);
        o.setActionId(nextActionId());
        originate(agent.server(), id, o, true);
        LOG.info("spy call {}: {} {} on {} ({})", id, supervisorPhone, mode, agent.channel(), agent.server());
        return id;
    }

    /** ChanSpy's options per mode: {@code q} no beep, {@code E} leave with the agent, {@code w}/{@code B} talk. */
    static String spyOptions(SpyMode mode) {
        return switch (mode) {
            case LISTEN -> "qE";
            case WHISPER -> "qwE";
            case BARGE -> "qBE";
        };
    }

    /**
     * Starts recording a connected call (MixMonitor on the caller's channel).
     *
     * @return the recording's file name, {@code hotline/<yyyyMMdd>/<callId>.wav}
     */
    public String startRecording(String platformId) {
        String callId = calls.switchIdOf(platformId);
        requireAnyConnected();
        String file = "hotline/" + DAY.format(LocalDate.ofInstant(clock.instant(), clock.getZone())) + "/"
                + (platformId == null ? "" : platformId.replaceAll("[^A-Za-z0-9._-]", "_")) + ".wav";
        Target t = onEvents(() -> tracker.recordingStart(callId, file));
        MixMonitorAction m = new MixMonitorAction();
        m.setChannel(t.channel());
        m.setFile(file);
        try {
            link(t.server()).call(m);
        } catch (ConflictException e) {
            onEvents(() -> {
                tracker.recordingRefused(callId);
                return null;
            });
            throw e;
        }
        return file;
    }

    /** Stops recording; a call that is not being recorded is a {@link ConflictException}. */
    public void stopRecording(String platformId) {
        String callId = calls.switchIdOf(platformId);
        requireAnyConnected();
        Target t = onEvents(() -> tracker.recordingStop(callId));
        StopMixMonitorAction a = new StopMixMonitorAction();
        a.setChannel(t.channel());
        try {
            link(t.server()).call(a);
        } catch (AsteriskRefusedException e) {
            throw new ConflictException("call " + callId + " is not being recorded (Asterisk: " + e.getMessage() + ")");
        }
    }

    /**
     * Whether an agent on this phone may be offered calls: some Asterisk server reports it in a reachable state. A
     * phone no server has reported is not available. Of a device list ({@code PJSIP/1001&PJSIP/webrtc1001}), any
     * member being available is enough: Asterisk's Dial rings them all.
     */
    public boolean deviceAvailable(String device) {
        DeviceBook book = tracker.devices();
        for (String member : Devices.members(device)) {
            if (book.available(member)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Hands over the calls whose records a stopped platform left open; call before {@link #start}. After the first
     * channel resync of every server, each is answered once: {@code Gone} when no server lists its channel (by the
     * stored uniqueid), else {@code Followed} (the tracker follows it again under the stored platform id and its
     * Hangup ends it as usual) or {@code InFallback} when its channel is in the {@code Queue} application of the
     * {@code hotline-fallback} queue.
     */
    public void recover(List<OpenCall> open, Consumer<Recovered> answer) {
        List<OpenCall> copy = List.copyOf(open);
        submit(() -> tracker.recover(copy, answer));
    }

    /**
     * What a refusal of one of the actions above means to the platform's ports: an unknown call is
     * {@code NO_SUCH_CALL}, Asterisk's own {@code Response: Error} is {@code SWITCH_ERROR}, any refusal while the
     * gateway is closed or no server is connected is {@code UNREACHABLE}, anything else (call not connected, already
     * recorded, event queue busy) {@code NOT_NOW}.
     */
    public SwitchResult.Refusal refusalOf(RuntimeException e) {
        if (e instanceof NotFoundException) {
            return SwitchResult.Refusal.NO_SUCH_CALL;
        }
        if (e instanceof AsteriskRefusedException) {
            return SwitchResult.Refusal.SWITCH_ERROR;
        }
        boolean reachable = !closed.get()
                && links.values().stream().anyMatch(l -> l.state() == AmiLinkState.CONNECTED);
        return reachable ? SwitchResult.Refusal.NOT_NOW : SwitchResult.Refusal.UNREACHABLE;
    }

    // ------------------------------------------------------------------ plumbing

    /** A platform id, given to the originated channel as its ChannelId (its uniqueid), so both ids are one. */
    private String newCallId() {
        return calls.newCallId();
    }

    private String nextActionId() {
        return idPrefix + "-" + ids.incrementAndGet();
    }

    private void submit(Runnable task) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("AMI gateway closed, task dropped");
        }
    }

    /** Runs {@code task} on the event thread, after every event already queued, and returns its result. */
    private <T> T onEvents(Supplier<T> task) {
        CompletableFuture<T> f;
        try {
            f = CompletableFuture.supplyAsync(task, events);
        } catch (RejectedExecutionException e) {
            throw new ConflictException("the AMI gateway is closed");
        }
        try {
            return f.get(options.actionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ConflictException("AMI gateway failure: " + e.getCause());
        } catch (TimeoutException e) {
            throw new ConflictException("the AMI event queue is busy (" + events.getQueue().size()
                    + " events waiting); try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException("interrupted");
        }
    }

    /** What the links report to and need from the gateway. */
    private final class Host implements AmiLink.Host {
        @Override
        public void event(AmiLink link, ManagerEvent event) {
            String server = link.name();
            submit(() -> tracker.onEvent(server, event));
            int backlog = events.getQueue().size();
            if (backlog > BACKLOG_WARNING) {
                problems.warn("backlog", "AMI events are arriving faster than they are handled ({} waiting)", backlog);
            }
        }

        @Override
        public CompletableFuture<ResyncResult> beginResync(AmiLink link, String channelsId, String devicesId,
                                                           boolean periodic) {
            // the calls followed now, as the link is about to ask for the lists (the event thread may begin the
            // resync later, behind a backlog): a call tracked after this may be missing from the lists and is not
            // ended by them
            ChannelResync.Snapshot asked = tracker.snapshot();
            try {
                return CompletableFuture.supplyAsync(() -> tracker.beginResync(link.name(), channelsId, devicesId,
                        periodic, asked), events).thenCompose(f -> f);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(new ConflictException("the AMI gateway is closed"));
            }
        }

        @Override
        public void resyncRefused(AmiLink link, String actionId, String message) {
            submit(() -> tracker.resyncRefused(link.name(), actionId, message));
        }

        @Override
        public void lost(AmiLink link) {
            submit(() -> tracker.linkLost(link.name()));
        }

        @Override
        public String nextActionId() {
            return AmiGateway.this.nextActionId();
        }
    }

    /** Logs off from every server and stops the gateway's threads. Calls go on on Asterisk. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timer.shutdownNow();
        for (AmiLink link : links.values()) {
            link.close();
        }
        events.shutdown();
        try {
            if (!events.awaitTermination(2, TimeUnit.SECONDS)) {
                events.shutdownNow();
            }
        } catch (InterruptedException e) {
            events.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("AMI gateway closed");
    }

    @Override
    public String toString() {
        return "AmiGateway" + links();
    }
}
