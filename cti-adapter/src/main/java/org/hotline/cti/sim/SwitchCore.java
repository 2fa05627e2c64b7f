package org.hotline.cti.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hotline.platform.Times;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.event.CallEvent.CallDialProgress;
import org.hotline.platform.event.CallEvent.CallHungUp;
import org.hotline.platform.event.CallEvent.DialProgress;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.event.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared machinery of the simulated switch: the calls, the devices, the timers and the rules that end or connect
 * a call. Every call end goes through {@link #end}, which publishes exactly one {@link CallHungUp} per call.
 */
final class SwitchCore {
    static final String NORMAL = "normal";
    private static final Logger LOG = LoggerFactory.getLogger(SwitchCore.class);
    private static final int ENDED_KEPT = 1000;
    private static final Set<CallPhase> NOT_CONNECTED = EnumSet.of(CallPhase.IVR, CallPhase.WAITING, CallPhase.RINGING);

    final DeviceRegistry devices = new DeviceRegistry();
    private final EventBus bus;
    private final Clock clock;
    private final SimulationTiming timing;
    private final Map<String, SimCall> live = new ConcurrentHashMap<>();
    private final Map<String, SimulatedCallState> ended = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SimulatedCallState> eldest) {
            return size() > ENDED_KEPT;
        }
    });
    private final ScheduledExecutorService timer;

    SwitchCore(EventBus bus, Clock clock, SimulationTiming timing) {
        this.bus = bus;
        this.clock = clock;
        this.timing = timing;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sim-switch-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    SimulationTiming timing() {
        return timing;
    }

    /** Runs for every ending call just before its CallHungUp is published. */
    private volatile java.util.function.Consumer<String> endListener = id -> { };

    void onEnd(java.util.function.Consumer<String> listener) {
        endListener = listener;
    }

    void publish(org.hotline.platform.event.HotlineEvent event) {
        bus.publish(event);
    }

    Instant now() {
        return Times.now(clock);
    }

    void add(SimCall call) {
        live.put(call.id(), call);
    }

    SimCall live(String callId) {
        return callId == null ? null : live.get(callId);
    }

    boolean endedRecently(String callId) {
        return ended.containsKey(callId);
    }

    /** @return the live call, or null for one that has just ended */
    SimCall requireLive(String callId) {
        SimCall call = live(callId);
        if (call != null) {
            return call;
        }
        if (callId != null && endedRecently(callId)) {
            return null;
        }
        throw new NotFoundException("unknown call: " + callId);
    }
    Optional<SimulatedCallState> find(String callId) {
        SimCall call = live(callId);
        if (call != null) {
            return Optional.of(call.snapshot());
        }
        return Optional.ofNullable(callId == null ? null : ended.get(callId));
    }

    List<SimulatedCallState> liveStates() {
        return live.values().stream().map(SimCall::snapshot)
                .filter(s -> s.phase() != CallPhase.ENDED)
                .sorted((a, b) -> a.since().compareTo(b.since()))
                .toList();
    }

    List<SimCall> liveCalls() {
        return List.copyOf(live.values());
    }

    /** Ends the call whatever its phase; see {@link #end(SimCall, HangupParty, String, Set)}. */
    boolean end(SimCall call, HangupParty party, String cause) {
        return end(call, party, cause, EnumSet.complementOf(EnumSet.of(CallPhase.ENDED)));
    }

    /**
     * Ends the call if it is in one of {@code from}: frees its device, wakes its handler and publishes the call's one
     * and only {@link CallHungUp}.
     *
     * @return false when the call was in another phase (for instance already over)
     */
    boolean end(SimCall call, HangupParty party, String cause, Set<CallPhase> from) {
        String device;
        Instant at = now();
        call.lock.lock();
        try {
            if (!from.contains(call.phase()) || call.phase() == CallPhase.ENDED) {
                return false;
            }
            device = call.device();
            call.cancelTimers();
            call.moveTo(CallPhase.ENDED, null, at);
        } finally {
            call.lock.unlock();
        }
        if (device != null) {
            devices.release(device, call.id());
        }
        ended.put(call.id(), call.snapshot());
        live.remove(call.id());
        LOG.debug("call {} ended by {} ({})", call.id(), party, cause);
        endListener.accept(call.id());
        bus.publish(new CallHungUp(call.id(), party, cause, at));
        return true;
    }

    /** The handler is done with the call: unless it was connected to an agent, the switch hangs up. */
    void handlerReturned(SimCall call) {
        end(call, HangupParty.SYSTEM, NORMAL, NOT_CONNECTED);
    }

    /**
     * The ringing device answers: the call becomes TALKING. {@code ringSeq} names the ring meant (a delayed
     * auto-answer must not answer a later ring); -1 answers whatever ring is on.
     *
     * @return whether the call was ringing on that device and is now connected
     */
    boolean answerRinging(SimCall call, String device, long ringSeq) {
        call.lock.lock();
        try {
            if (call.phase() != CallPhase.RINGING || !device.equals(call.device())
                    || (ringSeq >= 0 && ringSeq != call.ringSeq())) {
                return false;
            }
            call.cancelTimers();
            call.moveTo(CallPhase.TALKING, device, now());
            dialProgress(call, device, DialProgress.ANSWERED);
            if (call.outbound()) {
                // click-to-dial: the agent's phone answered, the switch dials the customer, who answers at once
                dialProgress(call, call.info().dnis(), DialProgress.RINGING);
                dialProgress(call, call.info().dnis(), DialProgress.ANSWERED);
            }
            SimulatedCaller caller = call.caller();
            if (!call.outbound() && caller.hangsUpAfterTalking()) {
                call.addTimer(schedule(caller.talkTime(), () -> end(call, HangupParty.CALLER, NORMAL,
                        EnumSet.of(CallPhase.TALKING))));
            }
            LOG.debug("call {} answered on {}", call.id(), device);
            return true;
        } finally {
            call.lock.unlock();
        }
    }

    /**
     * Publishes how a dial of the call stands, as Asterisk's DialBegin / DialEnd would; called under the call's lock
     * while the call is alive, so that it always comes before the call's {@link CallHungUp}.
     */
    void dialProgress(SimCall call, String destination, DialProgress progress) {
        bus.publish(new CallDialProgress(call.id(), destination, progress, now()));
    }

    /** Starts ringing {@code device} for the call (already claimed); guarded by the call's lock. */
    void startRinging(SimCall call, String device) {
        boolean fromTheQueue = call.phase() == CallPhase.IVR || call.phase() == CallPhase.WAITING;
        call.moveTo(CallPhase.RINGING, device, now());
        if (fromTheQueue && !call.outbound()) {
            startPatience(call); // a caller rung at once, without music on hold, still gives up some time
        }
        dialProgress(call, device, DialProgress.RINGING);
        Duration autoAnswer = devices.autoAnswerDelay(device);
        if (autoAnswer != null) {
            long seq = call.ringSeq();
            call.addTimer(schedule(autoAnswer, () -> answerRinging(call, device, seq)));
        }
    }

    /** The caller is (back) on hold; the first time starts the caller's patience. Guarded by the call's lock. */
    void enterWaiting(SimCall call) {
        if (call.phase() != CallPhase.WAITING) {
            call.moveTo(CallPhase.WAITING, null, now());
        }
        startPatience(call);
    }

    /** The caller's patience runs from now, unless it already does. Guarded by the call's lock. */
    private void startPatience(SimCall call) {
        SimulatedCaller caller = call.caller();
        if (call.startPatience() && caller.hasPatienceLimit()) {
            call.addTimer(schedule(caller.patience(), () -> end(call, HangupParty.CALLER, NORMAL,
                    EnumSet.of(CallPhase.IVR, CallPhase.WAITING, CallPhase.RINGING))));
        }
    }

    /** Runs {@code task} after {@code delay} on a virtual thread (the timer thread itself never blocks). */
    Future<?> schedule(Duration delay, Runnable task) {
        try {
            return timer.schedule(() -> Thread.ofVirtual().name("sim-timer-task").start(task),
                    SimCall.nanos(delay), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("switch is closed; timer not scheduled");
            return CompletableFuture.completedFuture(null);
        }
    }

    void shutdown() {
        timer.shutdownNow();
    }
}
