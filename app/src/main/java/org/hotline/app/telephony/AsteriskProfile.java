package org.hotline.app.telephony;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.hotline.app.config.Settings;
import org.hotline.app.lifecycle.Lifecycle;
import org.hotline.cti.asterisk.AsteriskCalls;
import org.hotline.cti.asterisk.AsteriskSwitch;
import org.hotline.cti.asterisk.agi.AddressRange;
import org.hotline.cti.asterisk.agi.AgiPeers;
import org.hotline.cti.asterisk.agi.AgiServerConfig;
import org.hotline.cti.asterisk.agi.ClusteredAgiPeers;
import org.hotline.cti.asterisk.ami.AmiOptions;
import org.hotline.cti.asterisk.ami.AmiServerConfig;
import org.hotline.platform.call.CallIds;
import org.hotline.platform.cluster.NodeRequests;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.health.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node on Asterisk: calls come in over FastAGI and are controlled over AMI ({@link AsteriskSwitch}); a user's
 * device is the phone configured for them ({@code hotline.asterisk.agent-devices} or the device pattern).
 *
 * <p>Two parts, because in a cluster they run in different places. The <b>link</b> ({@link #start}, {@link #close}):
 * the AMI connections, on the one node that holds the switch's link. The <b>call server</b> ({@link #callServer}):
 * the FastAGI listener, on every node, opened last of the node's start so that no call arrives before the node can
 * route it; in a cluster its calls are followed by the link's holder ({@link ClusteredAgiPeers}). Alone, both run
 * here and the FastAGI server's calls are followed by this node's own AMI side.
 */
public final class AsteriskProfile extends SwitchProfile {
    private static final Logger LOG = LoggerFactory.getLogger(AsteriskProfile.class);
    /** How long a FastAGI session waits for the link's holder to take its call (a round trip on the LAN). */
    private static final Duration FOLLOW_TIMEOUT = Duration.ofSeconds(2);

    private final Settings.Asterisk settings;
    private final AsteriskSwitch sw;
    private final Optional<ClusteredAgiPeers> clustered;

    private record Parts(AsteriskSwitch sw, Optional<ClusteredAgiPeers> clustered) {
    }

    AsteriskProfile(Settings settings, EventBus bus, Clock clock, TelephonyProfile.Cluster cluster) {
        this(settings.asterisk(), adapter(settings.asterisk(), bus, clock, cluster));
    }

    private AsteriskProfile(Settings.Asterisk settings, Parts parts) {
        super("Asterisk adapter", parts.sw().ports(), parts.sw(), parts.sw().amiHealth());
        this.settings = settings;
        this.sw = parts.sw();
        this.clustered = parts.clustered();
    }

    private static Parts adapter(Settings.Asterisk a, EventBus bus, Clock clock, TelephonyProfile.Cluster cluster) {
        AsteriskCalls calls = new AsteriskCalls(new CallIds("ast", clock));
        Optional<ClusteredAgiPeers> clustered = cluster.peers()
                .map(r -> new ClusteredAgiPeers(r, cluster.holdsLink(), cluster.linkHeld(), calls, FOLLOW_TIMEOUT));
        AgiPeers peers = clustered.<AgiPeers>map(c -> c).orElseGet(() -> AgiPeers.local(calls));
        AsteriskSwitch sw = new AsteriskSwitch(new AgiServerConfig(a.agiBind(), a.agiPort(), a.agiSocketReadTimeout(),
                a.agi().idleTimeout(), a.agi().envTimeout(), a.agi().maxConnectionsPerAddress(),
                a.agi().allowedAddresses().stream().map(AddressRange::parse).toList()),
                a.ami().stream().map(x -> new AmiServerConfig(x.name(), x.host(), x.port(), x.username(),
                        x.secret())).toList(),
                bus, clock, calls, peers, AmiOptions.defaults());
        return new Parts(sw, clustered);
    }

    /** The Asterisk adapter itself (operators' and tests' views: AMI links, FastAGI port, call ids). */
    public AsteriskSwitch asteriskSwitch() {
        return sw;
    }

    @Override
    public String phoneOf(String username) {
        return settings.deviceOf(username);
    }

    /** On Asterisk the console uses the user's own phone: nothing to plug in. */
    @Override
    public String consolePhoneOf(String username) {
        return phoneOf(username);
    }

    /** Asterisk's start needs nothing of the node: agents log in from their consoles. */
    @Override
    public void wire(Node node) {
    }

    /** The link: takes the other nodes' calls to follow (in a cluster), then connects to every AMI server. */
    @Override
    public void start() {
        clustered.ifPresent(ClusteredAgiPeers::linkTaken);
        sw.startAmi();
        LOG.info("AMI servers {}", settings.ami());
    }

    /** Closes the AMI connections; calls go on on Asterisk. */
    @Override
    public void close() {
        try {
            sw.closeAmi();
        } finally {
            clustered.ifPresent(ClusteredAgiPeers::linkReleased);
        }
    }

    @Override
    public Lifecycle callServer() {
        return new Lifecycle() {
            private volatile NodeRequests.Serving listening;

            @Override
            public String name() {
                return "FastAGI server";
            }

            @Override
            public void start() {
                listening = clustered.map(c -> c.listen(sw.agiServer())).orElse(null);
                sw.startFastAgi();
                LOG.info("FastAGI on {}:{}", settings.agiBind(), sw.agiPort());
            }

            @Override
            public void close() {
                try {
                    sw.closeFastAgi();
                } finally {
                    NodeRequests.Serving l = listening;
                    if (l != null) {
                        l.close();
                    }
                }
            }
        };
    }

    @Override
    public HealthCheck callServerHealth() {
        return sw.fastAgiHealth();
    }
}
