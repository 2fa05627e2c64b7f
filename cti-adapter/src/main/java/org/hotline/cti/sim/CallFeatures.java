package org.hotline.cti.sim;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.telephony.SpyMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-call features of the simulated switch that Asterisk gives through AMI: hold, recording (MixMonitor) and
 * supervisor listen / whisper / barge (ChanSpy). Each works only on a connected call and publishes what Asterisk's
 * events would tell.
 */
final class CallFeatures {
    private static final Logger LOG = LoggerFactory.getLogger(CallFeatures.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final SwitchCore core;
    private final Map<String, Boolean> held = new ConcurrentHashMap<>();
    private final Map<String, String> recordings = new ConcurrentHashMap<>();
    private final AtomicLong spies = new AtomicLong();

    CallFeatures(SwitchCore core) {
        this.core = core;
    }

    /** Moves a connected call to {@code target}, which now owns the conversation (both transfers on the simulator). */
    void move(String callId, String target) {
        DeviceRegistry.requireName(target);
        SimCall call = core.requireLive(callId);
        if (call == null) {
            throw new CallEndedException(callId);
        }
        if (!core.devices.registered(target)) {
            throw new NotFoundException("unknown device: " + target);
        }
        String from;
        call.lock.lock();
        try {
            if (call.phase() != CallPhase.TALKING) {
                throw new ConflictException("call " + callId + " is not connected (" + call.phase() + ")");
            }
            from = call.device();
            if (!from.equals(target)) {
                if (core.devices.claim(target, callId) != DeviceRegistry.Claim.CLAIMED) {
                    throw new ConflictException("device " + target + " is busy");
                }
                call.moveTo(CallPhase.TALKING, target, core.now());
            }
        } finally {
            call.lock.unlock();
        }
        if (!from.equals(target)) {
            core.devices.release(from, callId);
            LOG.debug("call {} transferred from {} to {}", callId, from, target);
        }
    }

    void hold(SimulatedCallState call, boolean onHold) {
        requireTalking(call);
        Boolean before = held.put(call.callId(), onHold);
        if (before == null ? onHold : before != onHold) {
            core.publish(new CallHoldChanged(call.callId(), onHold, core.now()));
        }
    }

    String startRecording(SimulatedCallState call) {
        requireTalking(call);
        String file = "hotline/" + DAY.format(core.now()) + "/" + call.callId() + ".wav";
        if (recordings.putIfAbsent(call.callId(), file) != null) {
            throw new ConflictException("call " + call.callId() + " is already being recorded");
        }
        core.publish(new RecordingChanged(call.callId(), true, file, core.now()));
        return file;
    }

    void stopRecording(String callId) {
        String file = recordings.remove(callId);
        if (file == null) {
            throw new ConflictException("call " + callId + " is not being recorded");
        }
        core.publish(new RecordingChanged(callId, false, file, core.now()));
    }

    void transferred(String callId, TransferKind kind, String target) {
        core.publish(new CallTransferred(callId, kind, target, core.now()));
    }

    String spy(String supervisorDevice, SimulatedCallState agentCall, SpyMode mode) {
        if (!core.devices.registered(supervisorDevice)) {
            throw new NotFoundException("unknown device: " + supervisorDevice);
        }
        requireTalking(agentCall);
        String id = "spy-" + spies.incrementAndGet();
        LOG.info("{} {} on call {} of {} ({})", supervisorDevice, mode, agentCall.callId(), agentCall.device(), id);
        return id;
    }

    /** Forgets a call's feature state when it ends; a recording in progress stops with the call. */
    void ended(String callId) {
        held.remove(callId);
        String file = recordings.remove(callId);
        if (file != null) {
            core.publish(new RecordingChanged(callId, false, file, core.now()));
        }
    }

    private static void requireTalking(SimulatedCallState call) {
        if (call.phase() != CallPhase.TALKING) {
            throw new ConflictException("call " + call.callId() + " is not connected (" + call.phase() + ")");
        }
    }
}
