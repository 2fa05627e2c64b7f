package org.hotline.cti.asterisk;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotline.cti.asterisk.agi.AgiServerConfig;
import org.hotline.cti.asterisk.agi.HotlineAgiServer;
import org.hotline.cti.asterisk.ami.AmiGateway;
import org.hotline.cti.asterisk.ami.AmiLinkState;
import org.hotline.cti.asterisk.ami.AmiServerConfig;
import java.util.function.Consumer;
import org.hotline.platform.call.CallIdGenerator;
import org.hotline.platform.call.CallIds;
import org.hotline.platform.call.OpenCall;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.telephony.CallRecovery;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.telephony.CallHandler;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.telephony.SwitchControl;

/**
 * Asterisk as the platform's switch: calls arrive over FastAGI ({@link HotlineAgiServer}, one virtual thread per call,
 * running the registered {@link CallHandler}); their events and every action go over AMI ({@link AmiGateway}, one
 * managed connection per Asterisk server). Both sides share one {@link AsteriskCalls}, so the AMI side knows which
 * channels are the platform's calls, and the book that translates between the platform's call ids and Asterisk's
 * uniqueids (a uniqueid repeats across Asterisk restarts and servers, so it is not the platform's id).
 *
 * <p>An agent's device may be a list in Asterisk's Dial syntax, {@code PJSIP/1001&PJSIP/webrtc1001}: the FastAGI
 * side's Dial rings every member in parallel; {@link #deviceAvailable}, {@link #spy} and {@link #originate} treat the
 * list as {@link AmiGateway} describes (any member reachable, the call on any member, the first reachable member).
 */
public final class AsteriskSwitch implements SwitchControl, CallRecovery, HealthCheck, AutoCloseable {
    private final AsteriskCalls calls;
    private final AmiGateway ami;
    private final HotlineAgiServer agi;
    private volatile CallHandler handler;

    public AsteriskSwitch(AgiServerConfig agiConfig, List<AmiServerConfig> amiServers, EventBus bus, Clock clock) {
        this(agiConfig, amiServers, bus, clock, new CallIds("ast", clock));
    }

    /** @param ids the platform ids of this start (calls over FastAGI, click-to-dial and spy calls) */
    public AsteriskSwitch(AgiServerConfig agiConfig, List<AmiServerConfig> amiServers, EventBus bus, Clock clock,
                          CallIdGenerator ids) {
        this.calls = new AsteriskCalls(ids);
        this.ami = new AmiGateway(amiServers, bus, clock, calls);
        this.agi = new HotlineAgiServer(agiConfig, this::handle, calls, clock);
    }

    private void handle(org.hotline.platform.telephony.CallChannel channel) {
        CallHandler h = handler;
        if (h == null) {
            // AJ_AGISTATUS becomes FAILED and the dialplan falls back to its queue
            throw new IllegalStateException("no call handler registered yet");
        }
        h.handle(channel);
    }

    /** See {@link AmiGateway#recover}; call before {@link #start}. */
    @Override
    public void recover(List<OpenCall> open, Consumer<Recovered> answer) {
        ami.recover(open, answer);
    }

    /** Starts the AMI connections (in the background) and the FastAGI listener. */
    public void start() {
        ami.start();
        agi.start();
    }

    /** The FastAGI port actually bound (useful with port 0). */
    public int agiPort() {
        return agi.port();
    }

    public int activeAgiSessions() {
        return agi.activeSessions();
    }

    /**
     * The platform id of the call Asterisk knows by {@code uniqueid}, while the call is followed (for operators and
     * tests correlating Asterisk's logs with the platform's).
     */
    public java.util.Optional<String> callIdOf(String uniqueid) {
        return calls.isTracked(uniqueid) ? java.util.Optional.of(calls.platformIdOf(uniqueid))
                : java.util.Optional.empty();
    }

    /** Each AMI server's connection state. */
    public Map<String, AmiLinkState> amiLinks() {
        return ami.links();
    }

    /** Each AMI link ({@code ami:<name>}), then the FastAGI server ({@code fastagi}). */
    @Override
    public List<ComponentHealth> components() {
        List<ComponentHealth> parts = new ArrayList<>(ami.health());
        parts.add(agi.health());
        return List.copyOf(parts);
    }

    @Override
    public void onIncomingCall(CallHandler callHandler) {
        this.handler = callHandler;
    }

    /** Asterisk cannot pick up a SIP phone remotely: agents answer on their phone (or browser softphone). */
    @Override
    public void answer(String device) {
        throw new ConflictException("answer the call on the phone " + device
                + ": Asterisk cannot answer a SIP phone remotely");
    }

    @Override
    public void hangup(String callId) {
        ami.hangup(callId);
    }

    @Override
    public void transfer(String callId, String target) {
        ami.transfer(callId, target);
    }

    @Override
    public void attendedTransfer(String callId, String target) {
        ami.attendedTransfer(callId, target);
    }

    @Override
    public void hold(String callId, boolean onHold) {
        ami.hold(callId, onHold);
    }

    @Override
    public String spy(String supervisorDevice, String agentDevice, SpyMode mode) {
        return ami.spy(supervisorDevice, agentDevice, mode);
    }

    @Override
    public String startRecording(String callId) {
        return ami.startRecording(callId);
    }

    @Override
    public void stopRecording(String callId) {
        ami.stopRecording(callId);
    }

    @Override
    public String originate(String device, String destination, String callerId) {
        return ami.originate(device, destination, callerId);
    }

    @Override
    public boolean deviceAvailable(String device) {
        return ami.deviceAvailable(device);
    }

    @Override
    public void close() {
        try {
            agi.close();
        } finally {
            ami.close();
        }
    }
}
