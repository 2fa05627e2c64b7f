package org.hotline.console.testing;

import java.time.Duration;
import java.util.List;
import org.hotline.console.ConsoleBackend;
import org.hotline.ticketing.workflow.AcdServedCustomer;
import org.hotline.console.ConsoleConfig;
import org.hotline.console.ConsoleServer;
import org.hotline.console.auth.AuthConfig;
import org.hotline.console.auth.SessionPolicy;
import org.hotline.console.callcontrol.DialPolicy;
import org.hotline.cti.sim.SimulatedSwitch;
import org.hotline.cti.sim.SimulationTiming;
import org.hotline.interactions.live.InMemoryLiveCalls;
import org.hotline.platform.health.HealthCheck;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchPorts;
import org.hotline.reporting.live.LiveStats;
import org.hotline.reporting.live.QueueSpec;
import org.hotline.routing.Acd;
import org.hotline.routing.queue.QueueDefinition;

/**
 * One test's running system on top of a {@link Backend}: the live-call model, the simulated switch, the real ACD,
 * live statistics and the console server on a free port of 127.0.0.1.
 */
public final class Stack implements AutoCloseable {
    public static final String QUEUE = "general";
    public static final Duration RING_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration WRAP_UP = Duration.ofMinutes(5);

    public final Backend backend;
    public final InMemoryLiveCalls liveCalls;
    public final SimulatedSwitch sim;
    public final Acd acd;
    public final LiveStats stats;
    public final ConsoleBackend ports;
    public final ConsoleServer server;
    public final int port;
    public final Api api;

    public Stack(Backend backend) {
        this(backend, DialPolicy.ANY);
    }

    /** With the console's dial plan for outbound calls. */
    public Stack(Backend backend, DialPolicy dialPolicy) {
        this(backend, AuthConfig.DEFAULT.withSessions(SessionPolicy.idleFor(Duration.ofMinutes(30))), dialPolicy);
    }

    /** With the console's authentication settings given (session lifetimes, throttle, cookie, trusted proxies). */
    public Stack(Backend backend, AuthConfig auth) {
        this(backend, auth, DialPolicy.ANY, SwitchCapabilities.ALL);
    }

    /** On a switch that can do only {@code can} (e.g. not answer from the console, like Asterisk). */
    public Stack(Backend backend, SwitchCapabilities can) {
        this(backend, AuthConfig.DEFAULT.withSessions(SessionPolicy.idleFor(Duration.ofMinutes(30))), DialPolicy.ANY,
                can);
    }

    private Stack(Backend backend, AuthConfig auth, DialPolicy dialPolicy) {
        this(backend, auth, dialPolicy, SwitchCapabilities.ALL);
    }

    private Stack(Backend backend, AuthConfig auth, DialPolicy dialPolicy, SwitchCapabilities can) {
        this.backend = backend;
        this.liveCalls = new InMemoryLiveCalls(backend.clock).start(backend.bus);
        this.sim = new SimulatedSwitch(backend.bus, backend.clock, SimulationTiming.instant());
        SwitchPorts simPorts = sim.ports();
        this.acd = new Acd(List.of(new QueueDefinition(QUEUE, QUEUE, 15, RING_TIMEOUT, WRAP_UP)), backend.bus,
                backend.clock, backend.scheduler, sim::deviceAvailable);
        this.stats = new LiveStats(backend.bus, backend.clock, List.of(new QueueSpec(QUEUE, QUEUE, 15)), acd);
        this.ports = new ConsoleBackend(backend.ticketing.users(), acd, backend.ticketing.calls(),
                backend.ticketing.customers(), backend.ticketing.tickets(), backend.ticketing.callbacks(), stats,
                new SwitchPorts(simPorts.incoming(), simPorts.control(), simPorts.originate(), simPorts.supervision(),
                        simPorts.presence(), can),
                backend.ticketing.audit(), backend.bus, backend.clock,
                HealthCheck.of(List.of(backend.ticketing.health(), sim)), backend.ticketing.notifications(),
                backend.desk, backend.ticketing.organisation(), backend.ticketing.calendars(),
                backend.ticketing.intake(), liveCalls);
        backend.desk.servedCustomers(new AcdServedCustomer(acd, backend.ticketing.calls()));
        this.server = new ConsoleServer(backend.vertx, new ConsoleConfig("127.0.0.1", 0, auth,
                org.hotline.console.agent.AcdAgents::consoleDevice, dialPolicy), ports);
        this.port = Futures.get(server.start());
        this.api = new Api(port);
    }

    /** Registers the console softphone of {@code agent} on the switch (what a browser softphone would do). */
    public void plugInPhone(String agent) {
        sim.registerDevice("console/" + agent);
    }

    public AgentState stateOf(String agent) {
        return acd.agent(agent).map(AgentSnapshot::state).orElse(AgentState.LOGGED_OUT);
    }

    @Override
    public void close() {
        Futures.get(server.stop());
        stats.close();
        sim.close();
        acd.close();
        liveCalls.close();
    }
}
