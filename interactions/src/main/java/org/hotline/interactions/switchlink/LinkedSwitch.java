package org.hotline.interactions.switchlink;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.hotline.platform.cluster.NodeRequests;
import org.hotline.platform.telephony.CallControl;
import org.hotline.platform.telephony.DevicePresence;
import org.hotline.platform.telephony.Originate;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.telephony.Supervision;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.platform.telephony.SwitchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A switch's ports as every node of a cluster uses them. The node that holds the switch's link ({@code heldHere})
 * uses its own ports and serves the others ({@link #serve}); any other node sends each request there. Asked per
 * request, so a link that moves to another node (its holder died) is followed without a restart. When no node
 * answers, a request is refused {@code UNREACHABLE} and a device counts as unavailable: nothing throws.
 *
 * <p>Incoming calls stay local: each node runs its own call server (FastAGI), and Asterisk may reach any of them.
 * A new call id is made locally too (ids are unique across nodes, see {@code CallIds}).
 */
public final class LinkedSwitch implements CallControl, Originate, Supervision, DevicePresence {
    /** The address the link's holder serves. */
    public static final String ADDRESS = "hotline.switch";
    private static final Logger LOG = LoggerFactory.getLogger(LinkedSwitch.class);

    private final SwitchPorts local;
    private final BooleanSupplier heldHere;
    private final NodeRequests requests;
    private final Duration timeout;

    /**
     * @param local    this node's own ports of the switch (usable only while it holds the link)
     * @param heldHere whether this node holds the switch's link now
     * @param timeout  how long to wait for the holder's answer (a switch action takes milliseconds)
     */
    public LinkedSwitch(SwitchPorts local, BooleanSupplier heldHere, NodeRequests requests, Duration timeout) {
        this.local = Objects.requireNonNull(local, "local");
        this.heldHere = Objects.requireNonNull(heldHere, "heldHere");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The ports for the rest of this node: this object for the remote-able ones, the local call server. */
    public SwitchPorts ports() {
        return new SwitchPorts(local.incoming(), this, this, this, this, local.capabilities());
    }

    /** Serves the other nodes' requests from this node's ports; open it while this node holds the link. */
    public NodeRequests.Serving serve() {
        return requests.serve(ADDRESS, request -> request instanceof SwitchRequest r
                ? r.applyTo(local)
                : SwitchResult.refused(SwitchResult.Refusal.SWITCH_ERROR, "not a switch request: " + request));
    }

    @Override
    public SwitchResult<Void> answer(String device) {
        return result(new SwitchRequest.Answer(device));
    }

    @Override
    public SwitchResult<Void> hangup(String callId) {
        return result(new SwitchRequest.Hangup(callId));
    }

    @Override
    public SwitchResult<Void> transfer(String callId, String target) {
        return result(new SwitchRequest.Transfer(callId, target, false));
    }

    @Override
    public SwitchResult<Void> attendedTransfer(String callId, String target) {
        return result(new SwitchRequest.Transfer(callId, target, true));
    }

    @Override
    public SwitchResult<Void> hold(String callId, boolean onHold) {
        return result(new SwitchRequest.Hold(callId, onHold));
    }

    @Override
    public SwitchResult<String> startRecording(String callId) {
        return result(new SwitchRequest.Recording(callId, true));
    }

    @Override
    public SwitchResult<Void> stopRecording(String callId) {
        return result(new SwitchRequest.Recording(callId, false));
    }

    @Override
    public String newCallId() {
        return local.originate().newCallId();
    }

    @Override
    public SwitchResult<Void> originate(OriginateRequest request) {
        return result(new SwitchRequest.Dial(request));
    }

    @Override
    public SwitchResult<String> spy(String supervisorDevice, String agentDevice, SpyMode mode) {
        return result(new SwitchRequest.Spy(supervisorDevice, agentDevice, mode));
    }

    @Override
    public boolean deviceAvailable(String device) {
        Object answer = apply(new SwitchRequest.DeviceAvailable(device));
        return Boolean.TRUE.equals(answer);
    }

    @SuppressWarnings("unchecked")
    private <T> SwitchResult<T> result(SwitchRequest request) {
        Object answer = apply(request);
        if (answer instanceof SwitchResult<?> r) {
            return (SwitchResult<T>) r;
        }
        return SwitchResult.refused(SwitchResult.Refusal.UNREACHABLE,
                "no node holding the switch link answered within " + timeout.toMillis() + " ms");
    }

    private Object apply(SwitchRequest request) {
        if (heldHere.getAsBoolean()) {
            return request.applyTo(local);
        }
        Optional<Object> answer = requests.ask(ADDRESS, request, timeout);
        if (answer.isEmpty()) {
            LOG.warn("switch request {} unanswered: no node holds the switch link", request);
        }
        return answer.orElse(null);
    }
}
