package org.hotline.interactions.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.platform.telephony.CallControl;
import org.hotline.platform.telephony.Originate;
import org.hotline.platform.telephony.SwitchResult;

/**
 * A switch for the use cases' tests: it writes down every request it gets (with what the test's event log held at
 * that moment) and answers each with the refusal the test set, else done. The wire behaviour of the real switches is
 * tested in cti-adapter.
 */
final class RecordingSwitch implements CallControl, Originate {
    final List<String> requests = new ArrayList<>();
    private final List<String> eventsSoFar;
    private final AtomicInteger ids = new AtomicInteger();
    SwitchResult.Refused<?> refusal;
    /** How many answers find the device not ringing yet (NOT_NOW) before it rings. */
    int ringsAfter;

    /** @param events the test's event log, copied into each request's line */
    RecordingSwitch(List<String> events) {
        this.eventsSoFar = events;
    }

    @SuppressWarnings("unchecked")
    private <T> SwitchResult<T> answer(String request, T value) {
        requests.add(request + " after " + eventsSoFar);
        return refusal == null ? SwitchResult.done(value) : (SwitchResult<T>) refusal;
    }

    @Override
    public String newCallId() {
        return "out-" + ids.incrementAndGet();
    }

    @Override
    public SwitchResult<Void> originate(OriginateRequest r) {
        return answer("originate " + r.callId() + " " + r.device() + " -> " + r.destination(), null);
    }

    @Override
    public SwitchResult<Void> answer(String device) {
        if (ringsAfter > 0) {
            ringsAfter--;
            requests.add("answer " + device + " (not ringing yet)");
            return SwitchResult.refused(SwitchResult.Refusal.NOT_NOW, "device " + device + " is not ringing");
        }
        return answer("answer " + device, null);
    }

    @Override
    public SwitchResult<Void> hangup(String callId) {
        return answer("hangup " + callId, null);
    }

    @Override
    public SwitchResult<Void> transfer(String callId, String target) {
        return answer("transfer " + callId + " " + target, null);
    }

    @Override
    public SwitchResult<Void> attendedTransfer(String callId, String target) {
        return answer("atxfer " + callId + " " + target, null);
    }

    @Override
    public SwitchResult<Void> hold(String callId, boolean onHold) {
        return answer("hold " + callId + " " + onHold, null);
    }

    @Override
    public SwitchResult<String> startRecording(String callId) {
        return answer("record " + callId, callId + ".wav");
    }

    @Override
    public SwitchResult<Void> stopRecording(String callId) {
        return answer("stop " + callId, null);
    }
}
