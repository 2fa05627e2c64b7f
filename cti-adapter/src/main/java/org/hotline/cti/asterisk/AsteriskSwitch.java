package org.hotline.cti.asterisk;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotline.cti.asterisk.agi.AgiPeers;
import org.hotline.cti.asterisk.agi.AgiServerConfig;
import org.hotline.cti.asterisk.agi.HotlineAgiServer;
import org.hotline.cti.asterisk.ami.AmiGateway;
import org.hotline.cti.asterisk.ami.AmiLinkState;
import org.hotline.cti.asterisk.ami.AmiOptions;
import org.hotline.cti.asterisk.ami.AmiServerConfig;
import java.util.function.Consumer;
import org.hotline.platform.call.CallIdGenerator;
import org.hotline.platform.call.CallIds;
import org.hotline.platform.call.OpenCall;
import org.hotline.platform.telephony.CallRecovery;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.health.ComponentHealth;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.telephony.CallHandler;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.cti.ports.PortBoundary;
import org.hotline.cti.ports.SwitchActions;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchPorts;

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
 *
 * <p>The platform reaches it through {@link #ports()} ({@link PortBoundary}: results, not exceptions, read by
 * {@link AmiGateway#refusalOf}; and no Answer: a SIP phone is picked up by the agent); the public methods that throw are the adapter's own API and its tests'.
 */
public final class AsteriskSwitch implements SwitchActions, CallRecovery, HealthCheck, AutoCloseable {
    private final AsteriskCalls calls;
    private final AmiGateway ami;
    private final HotlineAgiServer agi;
    /** Everything but answering a ringing phone for the agent: a SIP phone is picked up by the agent. */
    public static final SwitchCapabilities CAPABILITIES =
            new SwitchCapabilities(false, true, true, true, true, true, true);

    private volatile CallHandler handler;
    private final SwitchPorts ports;

    public AsteriskSwitch(AgiServerConfig agiConfig, List<AmiServerConfig> amiServers, EventBus bus, Clock clock) {
        this(agiConfig, amiServers, bus, clock, new CallIds("ast", clock));
    }

    /** @param ids the platform ids of this start (calls over FastAGI, click-to-dial and spy calls) */
    public AsteriskSwitch(AgiServerConfig agiConfig, List<AmiServerConfig> amiServers, EventBus bus, Clock clock,
                          CallIdGenerator ids) {
        this(agiConfig, amiServers, bus, clock, new AsteriskCalls(ids), AmiOptions.defaults());
    }

    /** With the call book and AMI timings given (tests over the AMI fakes follow calls and use short timeouts). */
    public AsteriskSwitch(AgiServerConfig agiConfig, List<AmiServerConfig> amiServers, EventBus bus, Clock clock,
                          AsteriskCalls calls, AmiOptions options) {
        this(agiConfig, amiServers, bus, clock, calls, AgiPeers.local(calls), options);
    }

    /**
     * @param peers where the AMI side that follows the FastAGI server's calls is: this switch's own
     *              ({@link AgiPeers#local}), or a cluster's link holder ({@code ClusteredAgiPeers})
     */
    public AsteriskSwitch(AgiServerConfig agiConfig, List<AmiServerConfig> amiServers, EventBus bus, Clock clock,
                          AsteriskCalls calls, AgiPeers peers, AmiOptions options) {
        this.calls = java.util.Objects.requireNonNull(calls, "calls");
        this.ami = new AmiGateway(amiServers, bus, clock, calls, options);
        this.agi = new HotlineAgiServer(agiConfig, this::handle, calls, peers, clock);
        this.agi.wakeUps(peers.wakeUps(ami.wakeUps()));
        this.ports = PortBoundary.of(this, CAPABILITIES, ami::refusalOf);
    }

    /** The FastAGI server (a cluster's nodes listen to each other's answered signals through it). */
    public HotlineAgiServer agiServer() {
        return agi;
    }

    /** The switch through its capability ports: everything but answering from the console. */
    public SwitchPorts ports() {
        return ports;
    }

    /** A fresh platform id ({@code ast-...}), for a call the platform originates (its channel's ChannelId). */
    @Override
    public String newCallId() {
        return calls.newCallId();
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
        startAmi();
        startFastAgi();
    }

    /** Starts the AMI connections, in the background: the switch's link, on one node of a cluster. */
    public void startAmi() {
        ami.start();
    }

    /** Starts the FastAGI listener: calls come in (on every node of a cluster). */
    public void startFastAgi() {
        agi.start();
    }

    /** Stops the FastAGI listener; conversations already bridged go on in Asterisk. */
    public void closeFastAgi() {
        agi.close();
    }

    /** Closes the AMI connections. */
    public void closeAmi() {
        ami.close();
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
        List<ComponentHealth> parts = new ArrayList<>(amiHealth().components());
        parts.addAll(fastAgiHealth().components());
        return List.copyOf(parts);
    }

    /** Each AMI link ({@code ami:<name>}). */
    public HealthCheck amiHealth() {
        return ami::health;
    }

    /** The FastAGI server ({@code fastagi}). */
    public HealthCheck fastAgiHealth() {
        return () -> List.of(agi.health());
    }

    @Override
    public void onIncomingCall(CallHandler callHandler) {
        this.handler = callHandler;
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

    public String originate(String device, String destination, String callerId) {
        return ami.originate(device, destination, callerId);
    }

    /** Click-to-dial under the platform's id {@code callId} (the phone channel's ChannelId). */
    @Override
    public String originate(String callId, String device, String destination, String callerId) {
        return ami.originate(callId, device, destination, callerId);
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
