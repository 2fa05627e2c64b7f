package org.hotline.interactions.switchlink;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.platform.telephony.CallControl;
import org.hotline.platform.telephony.DevicePresence;
import org.hotline.platform.telephony.Originate;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.telephony.Supervision;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.platform.telephony.SwitchResult;

/** One node's own switch ports for the tests: it notes each request it carries out; known calls can be hung up. */
final class NodeSwitch implements CallControl, Originate, Supervision, DevicePresence {
    final String node;
    final List<String> carried = new ArrayList<>();
    final Set<String> calls = ConcurrentHashMap.newKeySet();
    final Set<String> online = ConcurrentHashMap.newKeySet();
    private int ids;

    NodeSwitch(String node) {
        this.node = node;
    }

    SwitchPorts ports() {
        return new SwitchPorts(handler -> { }, this, this, this, this, SwitchCapabilities.ALL);
    }

    private synchronized SwitchResult<Void> note(String request) {
        carried.add(request);
        return SwitchResult.ok();
    }

    @Override
    public SwitchResult<Void> answer(String device) {
        return note("answer " + device);
    }

    @Override
    public SwitchResult<Void> hangup(String callId) {
        if (!calls.remove(callId)) {
            return SwitchResult.refused(SwitchResult.Refusal.NO_SUCH_CALL, "no call " + callId + " on " + node);
        }
        return note("hangup " + callId);
    }

    @Override
    public SwitchResult<Void> transfer(String callId, String target) {
        return note("transfer " + callId + " " + target);
    }

    @Override
    public SwitchResult<Void> attendedTransfer(String callId, String target) {
        return note("atxfer " + callId + " " + target);
    }

    @Override
    public SwitchResult<Void> hold(String callId, boolean onHold) {
        return note("hold " + callId + " " + onHold);
    }

    @Override
    public SwitchResult<String> startRecording(String callId) {
        note("record " + callId);
        return SwitchResult.done(callId + ".wav");
    }

    @Override
    public SwitchResult<Void> stopRecording(String callId) {
        return note("stop " + callId);
    }

    @Override
    public synchronized String newCallId() {
        return node + "-" + (++ids);
    }

    @Override
    public SwitchResult<Void> originate(OriginateRequest request) {
        return note("originate " + request.callId() + " " + request.device() + " -> " + request.destination());
    }

    @Override
    public SwitchResult<String> spy(String supervisorDevice, String agentDevice, SpyMode mode) {
        note("spy " + supervisorDevice + " " + agentDevice + " " + mode);
        return SwitchResult.done("spy-1");
    }

    @Override
    public boolean deviceAvailable(String device) {
        return online.contains(device);
    }
}
