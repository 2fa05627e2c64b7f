package org.hotline.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.telephony.DevicePresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster ACD's side of the agents' devices on one node: the moves into READY, which depend on whether the
 * agent's device is online (asked of the switch outside the ACD's step), and the switch's device reports. Kept
 * apart from {@link ClusteredAcd}, which turns requests into commands, because it keeps state of its own: the device
 * each agent was last known on, and the ordered queue of reports.
 */
final class ClusteredDevices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusteredDevices.class);

    private final Function<AcdCommand, Object> send;
    private final Supplier<Instant> now;
    private final DevicePresence presence;
    /** Per agent, the device this node last knew it on (a hint: the ACD checks it with each move into READY). */
    private final Map<String, String> devices = new ConcurrentHashMap<>();
    /**
     * The switch's device reports, applied one after the other in the order the switch sent them (off the bus's
     * thread: each asks the ACD and maybe the switch); in parallel, a phone's RINGING could land after its UNAVAILABLE.
     */
    private final ExecutorService reports = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("acd-device").factory());

    /** @param send sends a command to the ACD's entry and returns its answer */
    ClusteredDevices(Function<AcdCommand, Object> send, Supplier<Instant> now, DevicePresence presence) {
        this.send = send;
        this.now = now;
        this.presence = presence;
    }

    /** The agent registered through this node on {@code device}. */
    void registered(String agent, String device) {
        if (agent != null && device != null) {
            devices.put(agent, device);
        }
    }

    /** Whether the switch says {@code device} (an agent's whole device string) is online; false for none. */
    boolean online(String device) {
        return device != null && presence.deviceAvailable(device);
    }

    /**
     * A move into READY: the switch is asked about the device this node last knew the agent on, and the command
     * says which device it checked. When the agent's device has changed since (it logged in on another phone,
     * through another node), the ACD answers with the device it has, and the move is asked again for that one. So a
     * READY costs one command, not a read and a command.
     *
     * @param move the command for a device and whether it is online
     */
    AgentMove move(String agent, BiFunction<String, Boolean, AcdCommand> move) {
        String device = devices.get(agent);
        if (device == null) {
            device = (String) send.apply(new AcdCommand.DeviceOf(agent, now.get()));
        }
        for (int attempt = 0; ; attempt++) {
            Object answer = send.apply(move.apply(device, online(device)));
            if (!(answer instanceof AcdCommand.DeviceMoved moved)) {
                registered(agent, device);
                return (AgentMove) answer;
            }
            if (attempt == 3) {
                throw new IllegalStateException("the device of agent " + agent + " keeps changing");
            }
            device = moved.device();
        }
    }

    /** The switch reported a device's state: applied after the reports before it, off the caller's thread. */
    void reported(DeviceStateChanged e) {
        try {
            reports.execute(() -> apply(e));
        } catch (RejectedExecutionException closed) {
            LOG.debug("device {} {} not followed: the ACD is closed", e.device(), e.state());
        }
    }

    /** As {@code Acd.deviceChanged}: the switch is asked outside the ACD's step, between the two commands. */
    @SuppressWarnings("unchecked")
    private void apply(DeviceStateChanged e) {
        if (e.device() == null || e.state() == null) {
            return;
        }
        try {
            List<String> toCheck = (List<String>) send.apply(
                    new AcdCommand.DeviceReported(e.device(), e.state(), now.get()));
            if (toCheck.isEmpty()) {
                return; // applied with the report
            }
            Map<String, Boolean> checked = new HashMap<>();
            for (String device : toCheck) {
                checked.put(device, presence.deviceAvailable(device));
            }
            send.apply(new AcdCommand.DeviceChanged(e.device(), e.state(), checked, now.get()));
        } catch (RuntimeException failure) {
            LOG.warn("device {} {}: the ACD was not told: {}", e.device(), e.state(), failure.toString());
        }
    }

    @Override
    public void close() {
        reports.shutdown();
    }
}
