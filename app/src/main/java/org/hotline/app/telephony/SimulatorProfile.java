package org.hotline.app.telephony;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.hotline.app.config.Settings;
import org.hotline.cti.sim.SimulatedAgents;
import org.hotline.cti.sim.SimulatedSwitch;
import org.hotline.cti.sim.SimulationTiming;
import org.hotline.cti.sim.TrafficGenerator;
import org.hotline.cti.sim.TrafficProfile;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.user.Role;
import org.hotline.platform.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node on the built-in simulator ({@link SimulatedSwitch}): a user's device is the console's softphone
 * ({@code console/<username>}). Its start plugs in the console phones of the staff (agents, and supervisors and admins,
 * who listen, whisper or barge in), then, as configured, starts simulated agents and simulated callers. Its stop
 * ends the traffic first, then closes the switch (which hangs up the calls still live, so their records end), then
 * the simulated agents.
 */
public final class SimulatorProfile extends SwitchProfile {
    /** Device name of a human agent's console softphone. */
    public static final String CONSOLE_DEVICE_PREFIX = "console/";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorProfile.class);
    private static final Duration TRAFFIC_STOP_WAIT = Duration.ofSeconds(5);

    private final Settings settings;
    private final EventBus bus;
    private final SimulatedSwitch sw;
    private final Set<String> pluggedConsolePhones = ConcurrentHashMap.newKeySet();
    private final Deque<TrafficGenerator> traffic = new ArrayDeque<>();
    private volatile Node node;
    private SimulatedAgents agents;

    SimulatorProfile(Settings settings, EventBus bus, Clock clock) {
        this(settings, bus, new SimulatedSwitch(bus, clock, "instant".equals(settings.simulation().timing())
                ? SimulationTiming.instant() : SimulationTiming.demo()));
    }

    private SimulatorProfile(Settings settings, EventBus bus, SimulatedSwitch sw) {
        super("simulated switch", sw.ports(), sw, sw);
        this.settings = settings;
        this.bus = bus;
        this.sw = sw;
    }

    /** The simulated switch itself (load runs, demos and tests place callers and answer phones on it). */
    public SimulatedSwitch simulatedSwitch() {
        return sw;
    }

    @Override
    public String phoneOf(String username) {
        return CONSOLE_DEVICE_PREFIX + username;
    }

    @Override
    public String consolePhoneOf(String username) {
        String device = phoneOf(username);
        if (pluggedConsolePhones.add(device)) {
            sw.registerDevice(device);
        }
        return device;
    }

    @Override
    public void wire(Node wired) {
        this.node = wired;
    }

    private Node node() {
        Node n = node;
        if (n == null) {
            throw new IllegalStateException("the simulator profile is not wired to a node yet");
        }
        return n;
    }

    @Override
    public void start() {
        for (User u : node().ticketing().users().all()) {
            if (u.has(Role.AGENT) || u.has(Role.SUPERVISOR) || u.has(Role.ADMIN)) {
                consolePhoneOf(u.username());
            }
        }
        Settings.Simulation sim = settings.simulation();
        if (sim.enabled() && sim.agents() > 0) {
            startSimulatedAgents(sim);
        }
        if (sim.enabled() && sim.callsPerSecond() > 0) {
            startTraffic(sim.callsPerSecond(), Duration.ZERO, 0);
        }
    }

    private void startSimulatedAgents(Settings.Simulation sim) {
        Node n = node();
        agents = new SimulatedAgents(sw, n.acd(), bus, n.timers(), sim.agentRingDelay(), sim.agentWrapUp());
        Set<String> skills = settings.queues().stream().map(Settings.Queue::skill).collect(Collectors.toSet());
        for (int i = 1; i <= sim.agents(); i++) {
            String name = String.format("sim%02d", i);
            agents.add(new AgentProfile(name, "模拟坐席 " + i, skills, "sim/" + name));
        }
    }

    /**
     * Starts simulated callers at {@code callsPerSecond}; a zero {@code duration} and {@code maxCalls} mean "until
     * the node stops" (demo). Callers dial from the known customers' numbers and from unknown ones.
     */
    public TrafficGenerator startTraffic(double callsPerSecond, Duration duration, long maxCalls) {
        Settings.Simulation sim = settings.simulation();
        List<String> anis = new ArrayList<>();
        node().ticketing().customers().search("", 200).forEach(c -> anis.addAll(c.phones()));
        for (int i = 0; i < Math.max(4, anis.size() / 3); i++) {
            anis.add(String.format("1700000%04d", i)); // unknown callers
        }
        TrafficGenerator generator = new TrafficGenerator(sw,
                new TrafficProfile(callsPerSecond, duration, maxCalls, anis, sim.menuWeights(),
                        sim.meanPatience(), sim.meanTalkTime()),
                new SplittableRandom());
        synchronized (traffic) {
            traffic.push(generator);
        }
        generator.start();
        return generator;
    }

    /** The traffic (newest first), then the switch, then the simulated agents. */
    @Override
    public void close() throws Exception {
        try {
            while (true) {
                TrafficGenerator t;
                synchronized (traffic) {
                    t = traffic.poll();
                }
                if (t == null) {
                    break;
                }
                t.stopAndAwait(TRAFFIC_STOP_WAIT);
            }
        } finally {
            try {
                sw.close();
            } finally {
                if (agents != null) {
                    agents.close();
                    LOG.debug("simulated agents stopped");
                }
            }
        }
    }
}
