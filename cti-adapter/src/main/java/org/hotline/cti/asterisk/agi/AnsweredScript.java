package org.hotline.cti.asterisk.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.NamedAgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code answered} script: the short session the {@code hotline-answered} gosub opens on the agent's channel the
 * moment the agent answers ({@code answered?call=<call id>}). It tells the {@code connect} waiting for that call and
 * returns at once, since the agent is only bridged to the caller after the gosub returns. In a cluster the session may
 * reach another node than the call's own: the signal is then passed to the other nodes ({@link AgiPeers}).
 */
final class AnsweredScript implements NamedAgiScript {
    private static final Logger LOG = LoggerFactory.getLogger(AnsweredScript.class);

    private final Dials dials;
    private final AgiPeers peers;

    AnsweredScript(Dials dials, AgiPeers peers) {
        this.dials = dials;
        this.peers = peers;
    }

    @Override
    public String getName() {
        return HotlineAgiServer.ANSWERED_SCRIPT;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        String callId = request.getParameter("call");
        if (callId == null || callId.isBlank()) {
            LOG.warn("answered signal from {} without a call id (expected {}?call=<id>)", request.getChannel(),
                    HotlineAgiServer.ANSWERED_SCRIPT);
            return;
        }
        if (dials.answered(callId)) {
            LOG.debug("call {}: answered on {}", callId, request.getChannel());
        } else if (peers.answeredElsewhere(callId)) {
            LOG.debug("call {}: answered on {}; its Dial waits on another node, told", callId, request.getChannel());
        } else {
            LOG.warn("call {}: answered on {}, but no Dial for that call is waiting here (was the platform restarted"
                    + " while it rang?)", callId, request.getChannel());
        }
    }
}
