package org.hotline.app.telephony;

import java.time.Clock;
import org.hotline.app.config.Settings;
import org.hotline.cti.asterisk.AsteriskSwitch;
import org.hotline.cti.asterisk.agi.AddressRange;
import org.hotline.cti.asterisk.agi.AgiServerConfig;
import org.hotline.cti.asterisk.ami.AmiServerConfig;
import org.hotline.platform.event.EventBus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node on Asterisk: calls come in over FastAGI and are controlled over AMI ({@link AsteriskSwitch}); a user's
 * device is the phone configured for them ({@code hotline.asterisk.agent-devices} or the device pattern). Its start
 * connects to every AMI server in the background and opens the FastAGI listener, last of the node's start, so that
 * no call arrives before the node can route it.
 */
public final class AsteriskProfile extends SwitchProfile {
    private static final Logger LOG = LoggerFactory.getLogger(AsteriskProfile.class);

    private final Settings.Asterisk settings;
    private final AsteriskSwitch sw;

    AsteriskProfile(Settings settings, EventBus bus, Clock clock) {
        this(settings.asterisk(), adapter(settings.asterisk(), bus, clock));
    }

    private AsteriskProfile(Settings.Asterisk settings, AsteriskSwitch sw) {
        super("Asterisk adapter", sw.ports(), sw, sw);
        this.settings = settings;
        this.sw = sw;
    }

    private static AsteriskSwitch adapter(Settings.Asterisk a, EventBus bus, Clock clock) {
        return new AsteriskSwitch(new AgiServerConfig(a.agiBind(), a.agiPort(), a.agiSocketReadTimeout(),
                a.agi().idleTimeout(), a.agi().envTimeout(), a.agi().maxConnectionsPerAddress(),
                a.agi().allowedAddresses().stream().map(AddressRange::parse).toList()),
                a.ami().stream().map(x -> new AmiServerConfig(x.name(), x.host(), x.port(), x.username(),
                        x.secret())).toList(),
                bus, clock);
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

    @Override
    public void start() {
        sw.start();
        LOG.info("FastAGI on {}:{}; AMI servers {}", settings.agiBind(), sw.agiPort(), settings.ami());
    }

    /** Stops FastAGI, then AMI; calls go on on Asterisk. */
    @Override
    public void close() {
        sw.close();
    }
}
