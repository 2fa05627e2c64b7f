package org.hotline.cti.asterisk.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.NamedAgiScript;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.platform.telephony.CallHandler;
import org.hotline.platform.telephony.CallInfo;
import org.hotline.platform.telephony.CallerHangupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code hotline} script: one inbound call. Gives it a new platform id, tracks it under its uniqueid and binds
 * the two ({@link AsteriskCalls#track}, {@link AsteriskCalls#bind}), runs the platform's
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
    private final Dials dials;

    HotlineScript(CallHandler handler, AsteriskCalls calls, Dials dials) {
        this.handler = handler;
        this.calls = calls;
        this.dials = dials;
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
        calls.track(info.switchCallId(), info.channel());
        calls.bind(info.switchCallId(), info.callId());
        LOG.debug("call {} (uniqueid {}): from '{}' to '{}' on {} ({} {})", info.callId(), info.switchCallId(),
                info.ani(), info.dnis(), info.channel(), info.script(), info.params());
        AgiCallChannel call = new AgiCallChannel(info, session.link(), dials);
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
