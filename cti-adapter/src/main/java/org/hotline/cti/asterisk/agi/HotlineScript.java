package org.hotline.cti.asterisk.agi;

import java.util.Map;
import java.util.function.Supplier;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.NamedAgiScript;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.ChannelWakeUps;
import org.hotline.platform.telephony.CallHandler;
import org.hotline.platform.telephony.CallInfo;
import org.hotline.platform.telephony.CallerHangupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code hotline} script: one inbound call. Gives it a new platform id, has the AMI side follow it under its
 * uniqueid and channel ({@link AgiPeers#follow}: this node's own book, or the switch link's holder), runs the platform's
 * {@link CallHandler} (the IVR) on an {@link AgiCallChannel}, and returns to Asterisk-Java only once the Dial started
 * by {@code connect} has returned, since that Dial owns the connection for the whole conversation.
 * <p>
 * A caller hang-up ends the script normally (Asterisk-Java then sets {@code AJ_AGISTATUS=SUCCESS} on the dead
 * channel and closes); the handler failing or Asterisk breaking the protocol ends it with {@code AJ_AGISTATUS=FAILED},
 * so that the dialplan sends a caller who is still there to the fallback queue. No exception reaches Asterisk-Java,
 * which would log each one at ERROR.
 */
final class HotlineScript implements NamedAgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(HotlineScript.class);

    private final CallHandler handler;
    private final AsteriskCalls calls;
    private final AgiPeers peers;
    private final Dials dials;
    private final Map<String, AgiPeers.Call> live;
    private final Supplier<ChannelWakeUps> wakeUps;

    /**
     * @param live    the sessions running now, by platform id; this script adds each of its own and removes it
     * @param wakeUps how routing wakes a session's wait for a key (read at each call's start)
     */
    HotlineScript(CallHandler handler, AsteriskCalls calls, AgiPeers peers, Dials dials, Map<String, AgiPeers.Call> live,
                  Supplier<ChannelWakeUps> wakeUps) {
        this.handler = handler;
        this.calls = calls;
        this.peers = peers;
        this.dials = dials;
        this.live = live;
        this.wakeUps = wakeUps;
    }

    @Override
    public String getName() {
        return HotlineAgiServer.HOTLINE_SCRIPT;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        AgiSession session = AgiSession.current();
        CallInfo info;
        try {
            info = AgiEnvironment.callInfo(request, calls.newCallId());
        } catch (IllegalArgumentException e) {
            LOG.error("FastAGI session from {} refused: {}", session.remote(), e.getMessage());
            session.endAsFailed();
            return;
        }
        AgiPeers.Call followed = new AgiPeers.Call(info.switchCallId(), info.channel(), info.callId());
        live.put(info.callId(), followed);
        try {
            peers.follow(followed.switchId(), followed.channel(), followed.platformId());
            run(session, info);
        } finally {
            live.remove(info.callId(), followed);
        }
    }

    private void run(AgiSession session, CallInfo info) {
        LOG.debug("call {} (uniqueid {}): from '{}' to '{}' on {} ({} {})", info.callId(), info.switchCallId(),
                info.ani(), info.dnis(), info.channel(), info.script(), info.params());
        AgiCallChannel call = new AgiCallChannel(info, session.link(), dials, wakeUps.get());
        boolean handlerFailed = false;
        try {
            handler.handle(call);
        } catch (CallerHangupException e) {
            LOG.debug("call {}: handler ended by the hang-up", info.callId());
        } catch (RuntimeException e) {
            if (call.state() == AgiChannelState.HUNG_UP) {
                LOG.debug("call {}: handler ended after the hang-up: {}", info.callId(), e.toString());
            } else if (call.state() != AgiChannelState.FAILED) {
                LOG.error("call {}: the call handler failed", info.callId(), e);
                handlerFailed = true;
            }
        } finally {
            call.awaitDialEnd();
        }
        if (handlerFailed || call.state() == AgiChannelState.FAILED) {
            session.endAsFailed();
        }
    }
}
