package org.hotline.cti.sim;

import java.time.Duration;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.CallEvent.DialProgress;
import org.hotline.platform.event.CallEvent.HangupParty;
import org.hotline.platform.telephony.CallChannel;
import org.hotline.platform.telephony.CallInfo;
import org.hotline.platform.telephony.CallerHangupException;
import org.hotline.platform.telephony.ConnectResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call handler's side of a simulated call, behaving like an Asterisk AGI channel: commands block for as long as
 * the prompt plays or the caller thinks, and once the call is over every command (including one in progress) throws
 * {@link CallerHangupException}.
 */
public final class SimulatedChannel implements CallChannel {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedChannel.class);

    private final SimCall call;
    private final SwitchCore core;

    SimulatedChannel(SimCall call, SwitchCore core) {
        this.call = call;
        this.core = core;
    }

    @Override
    public CallInfo info() {
        return call.info();
    }

    @Override
    public void answer() {
        call.requireAlive();
        LOG.debug("{} answer", call.id());
    }

    @Override
    public char play(String prompt, String escapeDigits) {
        call.requireAlive();
        LOG.debug("{} play {}", call.id(), prompt);
        String escape = escapeDigits == null ? "" : escapeDigits;
        SimulationTiming timing = core.timing();
        char pressed = 0;
        call.lock.lock();
        try {
            String entry = call.script().peek();
            boolean bargeIn = !escape.isEmpty() && entry != null && !CallerScript.isTimeout(entry)
                    && timing.keyDelay().compareTo(timing.promptDuration()) < 0
                    && (CallerScript.isHangup(entry) || escape.indexOf(entry.charAt(0)) >= 0);
            if (bargeIn) {
                pressed = call.script().takeKey();
            }
        } finally {
            call.lock.unlock();
        }
        if (pressed == 0) {
            call.pause(timing.promptDuration(), true); // a wake-up cuts the prompt short
            return 0;
        }
        return press(pressed);
    }

    @Override
    public String collectDigits(String prompt, Duration timeout, int maxDigits) {
        call.requireAlive();
        requireTimeout(timeout);
        if (maxDigits < 1) {
            throw new ValidationException("maxDigits", "maxDigits must be at least 1");
        }
        LOG.debug("{} collect {} (max {})", call.id(), prompt, maxDigits);
        SimulationTiming timing = core.timing();
        call.pause(timing.promptDuration());
        String entry = takeEntryIfInTime(timeout);
        if (entry == null || CallerScript.isTimeout(entry)) {
            call.pause(timeout);
            return "";
        }
        if (CallerScript.isHangup(entry)) {
            throw hangsUpAfterThinking();
        }
        StringBuilder typed = new StringBuilder();
        boolean terminated = false;
        for (char c : entry.toCharArray()) {
            if (c == '#') {
                terminated = true;
                break;
            }
            if (typed.length() == maxDigits) {
                break;
            }
            typed.append(c);
        }
        call.pause(timing.keyDelay().multipliedBy(Math.max(1, typed.length())));
        if (!terminated && typed.length() < maxDigits) {
            // like GET DATA: the caller stopped typing, the switch waits for more until the timeout
            call.pause(timeout);
        }
        return typed.toString();
    }

    @Override
    public char waitForDigit(Duration timeout) {
        call.requireAlive();
        requireTimeout(timeout);
        char key = 0;
        boolean timesOut = false;
        call.lock.lock();
        try {
            String entry = call.script().peek();
            if (entry != null && CallerScript.isTimeout(entry)) {
                call.script().takeEntry();
                timesOut = true;
            } else if (entry != null && core.timing().keyDelay().compareTo(timeout) <= 0) {
                key = call.script().takeKey();
            }
        } finally {
            call.lock.unlock();
        }
        if (key == 0 || timesOut) {
            call.pause(timeout, true); // a woken wait ends like a timeout
            return 0;
        }
        return press(key);
    }

    /** Always: the simulator's routing reaches the call's thread directly. */
    @Override
    public boolean wakeable() {
        return true;
    }

    @Override
    public void wake() {
        call.wake();
    }

    @Override
    public void clearWake() {
        call.clearWake();
    }

    @Override
    public void sayDigits(String digits) {
        call.requireAlive();
        LOG.debug("{} say digits {}", call.id(), digits);
        call.pause(core.timing().promptDuration());
    }

    @Override
    public void sayNumber(long number) {
        call.requireAlive();
        LOG.debug("{} say number {}", call.id(), number);
        call.pause(core.timing().promptDuration());
    }

    @Override
    public void setVariable(String name, String value) {
        call.lock.lock();
        try {
            call.requireAliveLocked();
            if (value == null) {
                call.variables().remove(name);
            } else {
                call.variables().put(name, value);
            }
        } finally {
            call.lock.unlock();
        }
    }

    @Override
    public String getVariable(String name) {
        call.lock.lock();
        try {
            call.requireAliveLocked();
            return call.variables().get(name);
        } finally {
            call.lock.unlock();
        }
    }

    @Override
    public void startMusicOnHold(String mohClass) {
        call.lock.lock();
        try {
            call.requireAliveLocked();
            LOG.debug("{} music on hold ({})", call.id(), mohClass == null ? "default" : mohClass);
            core.enterWaiting(call);
        } finally {
            call.lock.unlock();
        }
    }

    @Override
    public void stopMusicOnHold() {
        call.requireAlive();
        LOG.debug("{} music on hold stopped", call.id());
    }

    /**
     * Rings {@code agentDevice}; of a device list ({@code a&b}) the first member that is registered and free rings
     * (Asterisk's Dial rings them all; the simulated caller only ever needs one).
     */
    @Override
    public ConnectResult connect(String agentDevice, Duration ringTimeout) {
        call.requireAlive();
        DeviceRegistry.requireName(agentDevice);
        requireTimeout(ringTimeout);
        DeviceRegistry.ListClaim claim = core.devices.claimAny(agentDevice, call.id());
        switch (claim.claim()) {
            case UNAVAILABLE -> {
                return ConnectResult.UNAVAILABLE;
            }
            case BUSY -> {
                return ConnectResult.BUSY;
            }
            case CLAIMED -> LOG.debug("{} rings {}", call.id(), claim.member());
        }
        String device = claim.member();
        long deadline = System.nanoTime() + SimCall.nanos(ringTimeout);
        ConnectResult result;
        call.lock.lock();
        try {
            if (call.phase() == CallPhase.ENDED) {
                core.devices.release(device, call.id());
                throw new CallerHangupException(call.id());
            }
            core.startRinging(call, device);
            result = awaitRingOutcome(device, deadline);
            if (result != ConnectResult.ANSWERED) {
                core.dialProgress(call, device, result == ConnectResult.UNAVAILABLE ? DialProgress.UNAVAILABLE
                        : DialProgress.NO_ANSWER);
                core.enterWaiting(call);
            }
        } finally {
            call.lock.unlock();
        }
        if (result != ConnectResult.ANSWERED) {
            core.devices.release(device, call.id());
        }
        return result;
    }

    /** Guarded by the call's lock: rings until answered, the ring timeout, the device going away or a hang-up. */
    private ConnectResult awaitRingOutcome(String device, long deadline) {
        while (true) {
            call.requireAliveLocked();
            if (call.phase() == CallPhase.TALKING) {
                return ConnectResult.ANSWERED;
            }
            if (!core.devices.registered(device)) {
                return ConnectResult.UNAVAILABLE;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return ConnectResult.NO_ANSWER;
            }
            call.awaitLocked(remaining);
        }
    }

    @Override
    public void hangup() {
        call.requireAlive();
        LOG.debug("{} hangup by handler", call.id());
        if (!core.end(call, HangupParty.SYSTEM, SwitchCore.NORMAL)) {
            throw new CallerHangupException(call.id());
        }
    }

    /** The caller presses {@code key} after thinking for the key delay; {@code H} hangs up instead. */
    private char press(char key) {
        if (key == 'H') {
            throw hangsUpAfterThinking();
        }
        call.pause(core.timing().keyDelay());
        return key;
    }

    /** The caller thinks for the key delay, then hangs up; returns the exception the command must throw. */
    private CallerHangupException hangsUpAfterThinking() {
        call.pause(core.timing().keyDelay());
        core.end(call, HangupParty.CALLER, SwitchCore.NORMAL);
        return new CallerHangupException(call.id());
    }

    /** Takes the next whole entry if the caller types it within {@code timeout}; timeouts are always taken. */
    private String takeEntryIfInTime(Duration timeout) {
        call.lock.lock();
        try {
            String entry = call.script().peek();
            if (entry == null) {
                return null;
            }
            if (!CallerScript.isTimeout(entry) && core.timing().keyDelay().compareTo(timeout) > 0) {
                return null;
            }
            return call.script().takeEntry();
        } finally {
            call.lock.unlock();
        }
    }

    private static void requireTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new ValidationException("timeout", "timeout must be zero or positive");
        }
    }
}
