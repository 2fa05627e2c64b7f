package org.hotline.app.telephony;

import java.util.Objects;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.telephony.CallRecovery;
import org.hotline.platform.telephony.SwitchPorts;

/** What every profile supplies the same way: its switch seen as ports, recovery and health, named for the log. */
abstract class SwitchProfile implements TelephonyProfile {
    private final String name;
    private final SwitchPorts ports;
    private final CallRecovery recovery;
    private final HealthCheck health;

    SwitchProfile(String name, SwitchPorts ports, CallRecovery recovery, HealthCheck health) {
        this.name = Objects.requireNonNull(name, "name");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.health = Objects.requireNonNull(health, "health");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SwitchPorts ports() {
        return ports;
    }

    @Override
    public final CallRecovery recovery() {
        return recovery;
    }

    @Override
    public final HealthCheck health() {
        return health;
    }
}
