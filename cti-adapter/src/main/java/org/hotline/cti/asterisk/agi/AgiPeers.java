package org.hotline.cti.asterisk.agi;

import java.io.Serializable;
import java.util.Objects;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.ChannelWakeUps;

/**
 * What a FastAGI server needs beyond its own sessions. Alone, the node's AMI side and its one FastAGI server are in
 * this JVM ({@link #local}); in a cluster every node runs a FastAGI server, Asterisk may open a call's sessions on
 * any of them, and only the node holding the switch's link follows the calls over AMI ({@code ClusteredAgiPeers}).
 */
public interface AgiPeers {
    /** A call a FastAGI session serves, as the AMI side follows it: its uniqueid, channel and platform id. */
    record Call(String switchId, String channel, String platformId) implements Serializable {
    }

    /**
     * A call's session started here: the AMI side must follow the channel {@code channel} (uniqueid {@code switchId})
     * as the platform's call {@code platformId}, so that its hang-up, hold and transfers are published.
     */
    void follow(String switchId, String channel, String platformId);

    /**
     * An {@code answered?call=<id>} session reached this server, but the call's Dial does not wait here.
     *
     * @return whether the signal was passed on to other servers (false: nobody else can take it, a warning is due)
     */
    boolean answeredElsewhere(String callId);

    /**
     * How this node's sessions are woken, given its own AMI side's wake-ups: those, alone; in a cluster only while
     * this node holds the switch's link (the others' sessions then wait in short steps).
     */
    default ChannelWakeUps wakeUps(ChannelWakeUps own) {
        return own;
    }

    /** One node alone: its own AMI side follows the call; no other server can be waiting for a Dial. */
    static AgiPeers local(AsteriskCalls calls) {
        Objects.requireNonNull(calls, "calls");
        return new AgiPeers() {
            @Override
            public void follow(String switchId, String channel, String platformId) {
                calls.track(switchId, channel);
                calls.bind(switchId, platformId);
            }

            @Override
            public boolean answeredElsewhere(String callId) {
                return false;
            }
        };
    }
}
