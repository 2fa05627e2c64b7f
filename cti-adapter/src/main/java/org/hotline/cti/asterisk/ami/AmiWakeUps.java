package org.hotline.cti.asterisk.ami;

import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.asteriskjava.manager.action.PlayDtmfAction;
import org.hotline.cti.asterisk.ChannelWakeUps;
import org.hotline.cti.asterisk.ami.ActionTargets.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI sessions' wake-ups over AMI ({@link ChannelWakeUps}): {@code PlayDTMF} with {@code Receive: true} of
 * {@link ChannelWakeUps#KEY} on the waiting caller's channel. The server is the one the channel is on; a single
 * server is used as it is, even before its events named the channel (a session is woken early in its call). Sent on
 * the caller's thread without waiting for Asterisk's answer; a wake-up that fails is only logged (the session's wait
 * ends at its timeout anyway).
 */
final class AmiWakeUps implements ChannelWakeUps {
    private static final Logger LOG = LoggerFactory.getLogger(AmiWakeUps.class);

    private final Map<String, AmiLink> links;
    private final Function<String, Target> channelOf;
    private final BooleanSupplier closed;

    /** @param channelOf the server and channel of a uniqueid, as the gateway's event thread knows them */
    AmiWakeUps(Map<String, AmiLink> links, Function<String, Target> channelOf, BooleanSupplier closed) {
        this.links = links;
        this.channelOf = channelOf;
        this.closed = closed;
    }

    @Override
    public boolean available() {
        if (closed.getAsBoolean()) {
            return false;
        }
        for (AmiLink link : links.values()) {
            if (link.state() == AmiLinkState.CONNECTED) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void wake(String switchId, String channel) {
        try {
            AmiLink link;
            String name = channel;
            if (links.size() == 1) {
                link = links.values().iterator().next();
            } else {
                Target t = channelOf.apply(switchId);
                link = links.get(t.server());
                name = t.channel();
            }
            PlayDtmfAction a = new PlayDtmfAction(name, String.valueOf(KEY));
            a.setReceive(true);
            link.sendAsync(a).whenComplete((r, e) -> {
                if (e != null || (r != null && AmiLink.isError(r))) {
                    LOG.debug("wake-up of {} not queued: {}", channel, e != null ? e.toString() : r.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("wake-up of {} not sent: {}", channel, e.toString());
        }
    }
}
