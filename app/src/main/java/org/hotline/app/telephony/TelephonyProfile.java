package org.hotline.app.telephony;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ScheduledExecutorService;
import org.hotline.app.config.Settings;
import org.hotline.app.lifecycle.Lifecycle;
import org.hotline.platform.cluster.NodeRequests;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.telephony.CallRecovery;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.routing.CallDistributor;
import org.hotline.ticketing.Ticketing;

/**
 * What the node runs its calls on, chosen once from {@link Settings#telephony()}: the built-in simulator or Asterisk.
 * A profile supplies its switch (as {@link SwitchPorts}), how a user's device is named, what the switch still knows
 * of the calls a stopped node left open ({@link CallRecovery}), its part of the node's health, and its own start and
 * stop, so that the node's wiring is the same for both and asks no "is this the simulator?".
 *
 * <p>Life-cycle: built before the ACD (which reads the switch's presence), given the wired {@link Node} before its
 * {@link #start} (the simulator's agents, console phones and traffic need the ACD and the users; Asterisk starts AMI
 * and FastAGI), and stopped before every other part of the node: its {@link #close} stops what brings calls in, then
 * the switch, which hangs up the calls still live.
 */
public interface TelephonyProfile extends Lifecycle {
    /** The profile {@code settings} ask for, on a node alone; nothing runs until {@link #start}. */
    static TelephonyProfile of(Settings settings, EventBus bus, Clock clock) {
        return of(settings, bus, clock, Cluster.ALONE);
    }

    /** The profile {@code settings} ask for, on a node of {@code cluster}; nothing runs until {@link #start}. */
    static TelephonyProfile of(Settings settings, EventBus bus, Clock clock, Cluster cluster) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(cluster, "cluster");
        return switch (settings.telephony()) {
            case SIMULATOR -> new SimulatorProfile(settings, bus, clock);
            case ASTERISK -> new AsteriskProfile(settings, bus, clock, cluster);
        };
    }

    /**
     * What a profile needs of the node's cluster: the other nodes ({@code peers}, empty on a node alone), whether
     * this node holds the switch's link now, and whether some node does.
     */
    record Cluster(Optional<NodeRequests> peers, BooleanSupplier holdsLink, BooleanSupplier linkHeld) {
        /** A node alone: no other node; it always holds the link. */
        public static final Cluster ALONE = new Cluster(Optional.empty(), () -> true, () -> true);

        public Cluster {
            Objects.requireNonNull(peers, "peers");
            Objects.requireNonNull(holdsLink, "holdsLink");
            Objects.requireNonNull(linkHeld, "linkHeld");
        }
    }

    /**
     * What takes calls in on every node, whether it holds the switch's link or not: Asterisk's FastAGI server (any
     * node may get a call's session). The simulator has none: its callers come in where its link runs.
     */
    default Lifecycle callServer() {
        return Lifecycle.running("call server (none: calls come in with the switch link)", () -> { });
    }

    /** The call server's part of the node's health, on every node (Asterisk's {@code fastagi}). */
    default HealthCheck callServerHealth() {
        return List::of;
    }

    /** The switch, through its capability ports. */
    SwitchPorts ports();

    /** What the switch still knows of the calls whose records a stopped node left open; asked before {@link #start}. */
    CallRecovery recovery();

    /** The switch link's part of the node's health (the simulator; each AMI link), where the link runs. */
    HealthCheck health();

    /** The device that rings for {@code username}: the console softphone on the simulator, the configured phone on Asterisk. */
    String phoneOf(String username);

    /**
     * The phone the console uses for {@code username}; the simulator plugs a console phone in the first time it is
     * asked for, so that a user an administrator created while the node runs can take calls at once.
     */
    String consolePhoneOf(String username);

    /** Hands the profile what its start drives; once, before {@link #start}. */
    void wire(Node node);

    /** What a profile's start needs of the wired node. */
    record Node(CallDistributor acd, ScheduledExecutorService timers, Ticketing ticketing) {
        public Node {
            Objects.requireNonNull(acd, "acd");
            Objects.requireNonNull(timers, "timers");
            Objects.requireNonNull(ticketing, "ticketing");
        }
    }
}
