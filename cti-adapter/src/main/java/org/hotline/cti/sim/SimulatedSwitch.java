package org.hotline.cti.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.hotline.platform.call.CallIdGenerator;
import org.hotline.platform.call.CallIds;
import org.hotline.platform.call.OpenCall;
import org.hotline.platform.telephony.CallRecovery;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.telephony.DeviceState;
import org.hotline.platform.telephony.Devices;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.ComponentKind;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.telephony.CallHandler;
import org.hotline.platform.telephony.CallInfo;
import org.hotline.platform.telephony.CallerHangupException;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.platform.telephony.SwitchResult.Refusal;
import org.hotline.cti.ports.PortBoundary;
import org.hotline.cti.ports.SwitchActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A switch that lives in the JVM: simulated callers arrive with {@link #placeCall}, each call runs the registered
 * {@link CallHandler} on its own virtual thread through a {@link SimulatedChannel}, and agent phones are registered
 * devices (a human's softphone answered with {@link #answer}, or a simulated agent's auto-answer phone).
 *
 * <p>Like Asterisk, the switch publishes exactly one {@code CallHungUp} per call and nothing else: the caller hangs
 * up (patience on hold exceeded, talk time elapsed, an {@code H} key entry), the agent side hangs up with
 * {@link #hangup}, or the handler hangs up / returns without having connected the caller to an agent (party SYSTEM,
 * cause {@code normal}).
 *
 * <p>The platform reaches it through {@link #ports()} ({@link PortBoundary}: results, not exceptions); the public
 * methods that throw are the simulator's own API, for the simulated agents, the traffic generator and tests.
 */
public final class SimulatedSwitch implements SwitchActions, CallRecovery, HealthCheck, AutoCloseable {
    /** How long an originated call rings the agent's device before giving up. */
    public static final Duration ORIGINATE_RING_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedSwitch.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final SwitchCore core;
    private final CallFeatures features;
    private final CallIdGenerator ids;
    private final CallThreads callThreads = new CallThreads();
    private final Clock clock;
    private volatile CallHandler handler;
    private volatile boolean closed;
    private volatile Instant since;
    /** A call unknown or just ended is no longer on the switch; any other refusal is "not now". */
    private final SwitchPorts ports = PortBoundary.of(this, SwitchCapabilities.ALL,
            e -> e instanceof NotFoundException || e instanceof CallEndedException ? Refusal.NO_SUCH_CALL
                    : Refusal.NOT_NOW);

    public SimulatedSwitch(EventBus bus, Clock clock, SimulationTiming timing) {
        this(bus, clock, timing, new CallIds("sim", clock));
    }

    /** @param ids the call ids of this start of the switch (unique across restarts and nodes) */
    public SimulatedSwitch(EventBus bus, Clock clock, SimulationTiming timing, CallIdGenerator ids) {
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.since = clock.instant();
        this.core = new SwitchCore(Objects.requireNonNull(bus, "bus"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(timing, "timing"));
        this.features = new CallFeatures(core);
        core.onEnd(features::ended);
    }

    /** The switch through its capability ports: everything is possible ({@code SwitchCapabilities.ALL}). */
    public SwitchPorts ports() {
        return ports;
    }

    /** A fresh id in this switch's scheme ({@code sim-...}), for a call the platform originates. */
    @Override
    public String newCallId() {
        return ids.next();
    }

    /** The simulator as one part of the node's health ({@code simulator}): RUNNING until closed. */
    @Override
    public List<ComponentHealth> components() {
        boolean running = !closed;
        return List.of(new ComponentHealth("simulator", ComponentKind.SIMULATOR, running ? "RUNNING" : "CLOSED",
                running, since, "built-in simulated switch"));
    }

    /** The simulated switch lives in the platform's JVM: no call of an earlier run can still be on it. */
    @Override
    public void recover(List<OpenCall> open, Consumer<Recovered> answer) {
        for (OpenCall c : open) {
            answer.accept(new Gone(c.callId()));
        }
    }

    @Override
    public void onIncomingCall(CallHandler callHandler) {
        this.handler = Objects.requireNonNull(callHandler, "handler");
    }

    /**
     * A caller arrives now; the registered handler runs the call on a new virtual thread.
     *
     * @return the new call's id (from the switch's {@link CallIdGenerator}: {@code sim-...}, never the id of an
     *         earlier call, not even of a call before a restart)
     * @throws ConflictException when no handler is registered or the switch is closed
     */
    public String placeCall(SimulatedCaller caller) {
        if (caller == null) {
            throw new ValidationException("caller", "caller is required");
        }
        CallHandler h = handler;
        if (h == null) {
            throw new ConflictException("no call handler registered on the simulated switch");
        }
        if (closed) {
            throw new ConflictException("the simulated switch is closed");
        }
        String id = ids.next();
        CallInfo info = new CallInfo(id, caller.ani(), caller.dnis(), "SIM/" + id, "zh", "hotline", caller.params());
        SimCall call = new SimCall(info, caller, false, CallPhase.IVR, null, core.now());
        core.add(call);
        callThreads.start("sim-call-" + id, () -> runHandler(h, call));
        LOG.debug("call {} placed from '{}'", id, caller.ani());
        return id;
    }

    private void runHandler(CallHandler h, SimCall call) {
        try {
            h.handle(new SimulatedChannel(call, core));
        } catch (CallerHangupException e) {
            LOG.debug("handler of {} stopped: {}", call.id(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("call handler failed on call {}", call.id(), e);
        } finally {
            core.handlerReturned(call);
        }
    }

    /** A human agent's softphone: rings until {@link #answer} is called or the ring timeout passes. */
    public void registerDevice(String device) {
        core.devices.register(device, null);
        core.publish(new DeviceStateChanged(device, DeviceState.AVAILABLE, core.now()));
    }

    /** A simulated agent's phone: answers every ring after {@code ringDelay}. */
    public void registerAutoAnswerDevice(String device, Duration ringDelay) {
        if (ringDelay == null) {
            throw new ValidationException("ringDelay", "ringDelay is required");
        }
        core.devices.register(device, ringDelay);
        core.publish(new DeviceStateChanged(device, DeviceState.AVAILABLE, core.now()));
    }

    /**
     * Takes a device offline; a ring in progress on it ends (UNAVAILABLE), a conversation on it goes on.
     *
     * @throws NotFoundException for a device that is not registered
     */
    public void unregisterDevice(String device) {
        String occupant = core.devices.unregister(device);
        core.publish(new DeviceStateChanged(device, DeviceState.UNAVAILABLE, core.now()));
        SimCall call = core.live(occupant);
        if (call != null) {
            call.poke();
        }
    }

    /** Whether the device is registered; of a device list ({@code a&b}), whether any member is. */
    @Override
    public boolean deviceAvailable(String device) {
        return core.devices.anyRegistered(device);
    }

    /**
     * Answers the call ringing on {@code device}; of a device list ({@code a&b}), on whichever member rings.
     *
     * @throws NotFoundException for an unregistered device (no member of a list registered)
     * @throws ConflictException when the device is not ringing
     */
    @Override
    public void answer(String device) {
        DeviceRegistry.requireName(device);
        boolean known = false;
        for (String member : Devices.members(device)) {
            if (!core.devices.registered(member)) {
                continue;
            }
            known = true;
            SimCall call = core.live(occupantOrNull(member));
            if (call != null && core.answerRinging(call, member, -1)) {
                return;
            }
        }
        if (!known) {
            throw new NotFoundException("unknown device: " + device);
        }
        throw new ConflictException("device " + device + " is not ringing");
    }

    private String occupantOrNull(String member) {
        try {
            return core.devices.occupant(member);
        } catch (NotFoundException e) {
            return null; // unregistered meanwhile
        }
    }

    /**
     * Ends a call from the platform's side: party AGENT for a call connected to an agent, SYSTEM otherwise. Hanging up
     * a call that has just ended is a no-op.
     *
     * @throws NotFoundException for an unknown call id
     */
    @Override
    public void hangup(String callId) {
        SimCall call = core.requireLive(callId);
        if (call == null) {
            return;
        }
        HangupParty party = call.snapshot().phase() == CallPhase.TALKING ? HangupParty.AGENT : HangupParty.SYSTEM;
        core.end(call, party, SwitchCore.NORMAL);
    }

    /**
     * Moves a connected call to {@code target} (a registered device), which now owns the conversation.
     *
     * @throws NotFoundException for an unknown call or target device
     * @throws ConflictException when the call is not connected or the target is busy
     */
    @Override
    public void transfer(String callId, String target) {
        features.move(callId, target);
        features.transferred(callId, TransferKind.BLIND, target);
    }

    /**
     * On the simulator the consultation is instant: the call moves to {@code target} as with {@link #transfer}, and is
     * reported as an attended transfer.
     */
    @Override
    public void attendedTransfer(String callId, String target) {
        features.move(callId, target);
        features.transferred(callId, TransferKind.ATTENDED, target);
    }

    /** @throws ConflictException when the call is not connected */
    @Override
    public void hold(String callId, boolean onHold) {
        features.hold(liveState(callId), onHold);
    }

    /**
     * Joins the call connected on {@code agentDevice} (of a device list, on any member) from the supervisor's device
     * (of a list, its first registered member).
     *
     * @throws NotFoundException for an unknown supervisor device
     * @throws ConflictException when no call is connected on {@code agentDevice}
     */
    @Override
    public String spy(String supervisorDevice, String agentDevice, SpyMode mode) {
        SimulatedCallState target = calls().stream()
                .filter(c -> c.device() != null && Devices.contains(agentDevice, c.device())
                        && c.phase() == CallPhase.TALKING)
                .findFirst()
                .orElseThrow(() -> new ConflictException("no call connected on " + agentDevice));
        return features.spy(core.devices.firstRegistered(supervisorDevice), target,
                mode == null ? SpyMode.LISTEN : mode);
    }

    @Override
    public String startRecording(String callId) {
        return features.startRecording(liveState(callId));
    }

    @Override
    public void stopRecording(String callId) {
        liveState(callId);
        features.stopRecording(callId);
    }

    private SimulatedCallState liveState(String callId) {
        SimCall call = core.requireLive(callId);
        if (call == null) {
            throw new CallEndedException(callId);
        }
        return call.snapshot();
    }

    /**
     * Rings {@code agentDevice} (auto-answer devices answer by themselves, a human one with {@link #answer}); once
     * answered the call is connected to {@code destination} until it is hung up. Unanswered after
     * {@link #ORIGINATE_RING_TIMEOUT} it ends (SYSTEM, {@code no-answer}). Publishes nothing but its CallHungUp. Of a
     * device list ({@code a&b}) the first registered member rings, else the first member.
     *
     * @throws ConflictException when the device is not registered or busy
     */
    public String originate(String agentDevice, String destination, String callerId) {
        return originate(ids.next(), agentDevice, destination, callerId);
    }

    /**
     * {@link #originate(String, String, String)} under the id the platform chose ({@link #newCallId}).
     *
     * @throws ConflictException also when a call with this id is live or has just ended
     */
    @Override
    public String originate(String id, String agentDevice, String destination, String callerId) {
        DeviceRegistry.requireName(agentDevice);
        if (id == null || id.isBlank()) {
            throw new ValidationException("callId", "callId is required");
        }
        if (core.live(id) != null || core.endedRecently(id)) {
            throw new ConflictException("call " + id + " exists already");
        }
        String device = core.devices.firstRegistered(agentDevice);
        if (destination == null || destination.isBlank()) {
            throw new ValidationException("destination", "destination is required");
        }
        if (closed) {
            throw new ConflictException("the simulated switch is closed");
        }
        switch (core.devices.claim(device, id)) {
            case UNAVAILABLE -> throw new ConflictException("device " + agentDevice + " is not registered");
            case BUSY -> throw new ConflictException("device " + device + " is busy");
            case CLAIMED -> LOG.debug("call {} originated from {} to {}", id, device, destination);
        }
        CallInfo info = new CallInfo(id, callerId, destination, "SIM/" + id, "zh", null, Map.of());
        SimulatedCaller far = new SimulatedCaller(callerId, destination, List.of(), null, null, Map.of());
        SimCall call = new SimCall(info, far, true, CallPhase.IVR, null, core.now());
        call.lock.lock();
        try {
            core.startRinging(call, device);
            call.addTimer(core.schedule(ORIGINATE_RING_TIMEOUT, () -> core.end(call, HangupParty.SYSTEM, "no-answer",
                    EnumSet.of(CallPhase.RINGING))));
        } finally {
            call.lock.unlock();
        }
        core.add(call);
        return id;
    }

    /** The call now, or shortly after its end (the last 1000 ended calls are kept). */
    public Optional<SimulatedCallState> call(String callId) {
        return core.find(callId);
    }

    /** Every call that has not ended yet, oldest phase change first. */
    public List<SimulatedCallState> calls() {
        return core.liveStates();
    }

    /** Hangs up every live call (SYSTEM, {@code shutdown}) and waits briefly for their handlers to return. */
    @Override
    public void close() {
        closed = true;
        since = clock.instant();
        for (SimCall call : core.liveCalls()) {
            core.end(call, HangupParty.SYSTEM, "shutdown");
        }
        core.shutdown();
        callThreads.awaitAll(CLOSE_WAIT);
    }
}
