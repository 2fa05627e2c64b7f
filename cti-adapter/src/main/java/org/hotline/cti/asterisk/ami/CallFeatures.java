package org.hotline.cti.asterisk.ami;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hotline.platform.Times;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.event.CallEvent.CallHoldChanged;
import org.hotline.platform.event.CallEvent.CallTransferred;
import org.hotline.platform.event.CallEvent.RecordingChanged;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.event.EventBus;

/**
 * The in-call feature state of each followed call - on hold, recorded (and to which file), a transfer Hotline asked
 * for, a hang-up Hotline sent - and the events that publish its changes, each only when the state really changes
 * (Hold and MusicOnHold, MixMonitorStart twice, ... all say the same thing). Kept apart from the channel book because
 * it outlives channel moves (a transfer, a bridge change) and ends only with the call. Confined to the gateway's
 * event thread.
 */
final class CallFeatures {
    private static final class State {
        boolean hangupSent;
        boolean onHold;
        boolean recording;
        String file;
        String requestedFile;
        String variableFile;
        String transferTarget;
        TransferKind transferKind;
    }

    private final EventBus bus;
    private final Clock clock;
    private final Map<String, State> states = new HashMap<>();

    CallFeatures(EventBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    private Instant now() {
        return Times.now(clock);
    }

    private State of(String uid) {
        return states.computeIfAbsent(uid, u -> new State());
    }

    // ------------------------------------------------------------------ hang-up

    void hangupSent(String uid, boolean sent) {
        if (sent) {
            of(uid).hangupSent = true;
        } else {
            State s = states.get(uid);
            if (s != null) {
                s.hangupSent = false;
            }
        }
    }

    boolean isHangupSent(String uid) {
        State s = states.get(uid);
        return s != null && s.hangupSent;
    }

    /** The call ended: its state is dropped; a recording still running is reported stopped. */
    void ended(String uid, Instant at) {
        State s = states.remove(uid);
        if (s != null && s.recording) {
            bus.publish(new RecordingChanged(uid, false, s.file, at));
        }
    }

    // ------------------------------------------------------------------ hold

    boolean isOnHold(String uid) {
        State s = states.get(uid);
        return s != null && s.onHold;
    }

    void hold(String uid, boolean onHold) {
        State s = of(uid);
        if (s.onHold != onHold) {
            s.onHold = onHold;
            bus.publish(new CallHoldChanged(uid, onHold, now()));
        }
    }

    /** Music on hold started or stopped on a followed call; only music while bridged with someone is a hold. */
    void music(String uid, boolean start, List<String> peers) {
        if (start) {
            if (!peers.isEmpty()) {
                hold(uid, true);
            }
        } else if (isOnHold(uid)) {
            hold(uid, false);
        }
    }

    // ------------------------------------------------------------------ recording

    /** A recording is about to be asked for: remembers the file; refused when one runs already. */
    void recordingRequested(String uid, String file) {
        State s = of(uid);
        if (s.recording) {
            throw new ConflictException("call " + uid + " is already being recorded");
        }
        s.requestedFile = file;
    }

    void recordingRefused(String uid) {
        State s = states.get(uid);
        if (s != null && !s.recording) {
            s.requestedFile = null;
        }
    }

    /** The MIXMONITOR_FILENAME variable of a followed call (the file when Hotline did not name it). */
    void recordingVariable(String uid, String file) {
        of(uid).variableFile = file;
    }

    void recording(String uid, boolean started) {
        State s = of(uid);
        if (started && !s.recording) {
            s.recording = true;
            s.file = s.requestedFile != null ? s.requestedFile : s.variableFile;
            bus.publish(new RecordingChanged(uid, true, s.file, now()));
        } else if (!started && s.recording) {
            s.recording = false;
            s.requestedFile = null;
            s.variableFile = null;
            bus.publish(new RecordingChanged(uid, false, s.file, now()));
        }
    }

    // ------------------------------------------------------------------ transfer

    void transferRequested(String uid, TransferKind kind, String target) {
        State s = of(uid);
        s.transferKind = kind;
        s.transferTarget = target;
    }

    void transferRefused(String uid) {
        State s = states.get(uid);
        if (s != null) {
            s.transferKind = null;
            s.transferTarget = null;
        }
    }

    /** Asterisk reports a transfer: published with the target Hotline asked for, if it asked, else the reported one. */
    void transferred(String uid, TransferKind kind, String reported) {
        State s = of(uid);
        String target = s.transferKind == kind && s.transferTarget != null ? s.transferTarget : reported;
        s.transferKind = null;
        s.transferTarget = null;
        bus.publish(new CallTransferred(uid, kind, target == null ? "" : target, now()));
    }
}
