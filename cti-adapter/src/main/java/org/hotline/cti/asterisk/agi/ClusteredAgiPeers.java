package org.hotline.cti.asterisk.agi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.ChannelWakeUps;
import org.hotline.platform.cluster.NodeRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FastAGI servers of a cluster's nodes and the one node that holds the switch's link (AMI). Every node listens
 * for FastAGI, so Asterisk may open a call's session on any node ({@code AGI(hagi://…)} with a DNS SRV record per
 * node, or the nodes one after the other): the IVR, the queue and the agent's Dial run where the session came in,
 * against the cluster's ACD. Two things cross nodes:
 * <ul>
 * <li><b>Following the call.</b> Only the holder's AMI side sees the channel's hang-up, hold and transfers, so a
 * session's call is followed in the holder's book ({@value #FOLLOW}). When no node answers (the link is between two
 * holders) the call is not lost: each node keeps its sessions, and a node that takes the link asks every node to
 * follow its calls again ({@value #FOLLOW_AGAIN}), before its AMI resync sorts them out.</li>
 * <li><b>Waking a waiting session.</b> Only the holder's AMI side can queue the wake-up key on a channel; a node
 * whose session must be woken tells every node ({@value #WAKE}) and the holder does it.</li>
 * <li><b>The answered signal.</b> The {@code hotline-answered} gosub's session may reach another node than the one
 * whose Dial waits for it; that node tells every node ({@value #ANSWERED}), and the one with the Dial completes it.
 * Sent only when the two sessions land on different nodes.</li>
 * </ul>
 * Standalone, a node uses {@link AgiPeers#local} instead and none of this runs.
 */
public final class ClusteredAgiPeers implements AgiPeers {
    /** Served by the switch link's holder: follow a call over AMI. */
    public static final String FOLLOW = "hotline.agi.follow";
    /** Heard by every node: an agent answered this call. */
    public static final String ANSWERED = "hotline.agi.answered";
    /** Heard by every node: the link moved, follow your calls again. */
    public static final String FOLLOW_AGAIN = "hotline.agi.follow-again";
    /** Heard by every node, acted on by the link's holder: wake this session's wait (queue a key on its channel). */
    public static final String WAKE = "hotline.agi.wake";
    private static final Logger LOG = LoggerFactory.getLogger(ClusteredAgiPeers.class);

    private final NodeRequests requests;
    private final BooleanSupplier heldHere;
    private final BooleanSupplier heldSomewhere;
    /** This node's own AMI wake-ups, used while it holds the link (for its sessions and the others'). */
    private volatile ChannelWakeUps ownWakeUps = ChannelWakeUps.NONE;
    private final AgiPeers own;
    private final Duration timeout;
    private volatile NodeRequests.Serving serving;

    /**
     * @param heldHere whether this node holds the switch's link now (its own {@code calls} are then the AMI's book)
     * @param timeout  how long a session waits for the holder to take its call (milliseconds, normally)
     */
    public ClusteredAgiPeers(NodeRequests requests, BooleanSupplier heldHere, AsteriskCalls calls, Duration timeout) {
        this(requests, heldHere, heldHere, calls, timeout);
    }

    /** @param heldSomewhere whether some node holds the switch's link now (its AMI side can wake this node's sessions) */
    public ClusteredAgiPeers(NodeRequests requests, BooleanSupplier heldHere, BooleanSupplier heldSomewhere,
                             AsteriskCalls calls, Duration timeout) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.heldHere = Objects.requireNonNull(heldHere, "heldHere");
        this.heldSomewhere = Objects.requireNonNull(heldSomewhere, "heldSomewhere");
        this.own = AgiPeers.local(calls);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void follow(String switchId, String channel, String platformId) {
        if (heldHere.getAsBoolean()) {
            own.follow(switchId, channel, platformId);
            return;
        }
        Optional<Object> answer = requests.ask(FOLLOW, new AgiPeers.Call(switchId, channel, platformId), timeout);
        if (!answer.map(Boolean.TRUE::equals).orElse(false)) {
            LOG.warn("call {} (uniqueid {}): no node holding the switch link took it; it is followed again when a"
                    + " node takes the link", platformId, switchId);
        }
    }

    /**
     * The link's holder wakes its own sessions over its AMI side; another node tells every node ({@value #WAKE}) and
     * the holder wakes the session for it. While no node holds the link, the sessions wait in short steps.
     */
    @Override
    public ChannelWakeUps wakeUps(ChannelWakeUps own) {
        ownWakeUps = Objects.requireNonNull(own, "own");
        return new ChannelWakeUps() {
            @Override
            public boolean available() {
                return heldHere.getAsBoolean() ? own.available() : heldSomewhere.getAsBoolean();
            }

            @Override
            public void wake(String switchId, String channel) {
                if (heldHere.getAsBoolean()) {
                    own.wake(switchId, channel);
                } else {
                    requests.tellAll(WAKE, new AgiPeers.Call(switchId, channel, ""));
                }
            }
        };
    }

    @Override
    public boolean answeredElsewhere(String callId) {
        requests.tellAll(ANSWERED, callId);
        return true;
    }

    /** This node's server hears the other nodes' answered signals and their calls to follow again; until closed. */
    public NodeRequests.Serving listen(HotlineAgiServer server) {
        NodeRequests.Serving answered = requests.listen(ANSWERED, m -> {
            if (m instanceof String callId && server.answered(callId)) {
                LOG.debug("call {}: answered, as another node's FastAGI session said", callId);
            }
        });
        NodeRequests.Serving again = requests.listen(FOLLOW_AGAIN, m -> {
            int n = server.followAgain();
            if (n > 0) {
                LOG.info("the switch link moved: {} call(s) of this node's FastAGI sessions followed again", n);
            }
        });
        NodeRequests.Serving wake = requests.listen(WAKE, m -> {
            if (m instanceof AgiPeers.Call c && heldHere.getAsBoolean()) {
                ownWakeUps.wake(c.switchId(), c.channel());
            }
        });
        return () -> List.of(answered, again, wake).forEach(NodeRequests.Serving::close);
    }

    /**
     * This node took the switch's link: it follows the other nodes' calls from now on, and asks every node for the
     * calls their sessions run. Call before the AMI side starts, so that its first resync sorts those calls too.
     */
    public void linkTaken() {
        serving = requests.serve(FOLLOW, m -> {
            if (m instanceof AgiPeers.Call f) {
                own.follow(f.switchId(), f.channel(), f.platformId());
                return Boolean.TRUE;
            }
            return Boolean.FALSE;
        });
        requests.tellAll(FOLLOW_AGAIN, "");
    }

    /** This node no longer holds the link (it stops): another node follows the calls. */
    public void linkReleased() {
        NodeRequests.Serving s = serving;
        serving = null;
        if (s != null) {
            s.close();
        }
    }
}
