package org.hotline.routing;

import static org.hotline.platform.routing.AgentState.READY;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.telephony.DeviceState;
import org.hotline.platform.telephony.Devices;
import org.hotline.routing.agent.Agent;
import org.hotline.routing.agent.AgentRoster;
import org.hotline.routing.agent.AgentTransitions;
import org.hotline.routing.agent.AgentTransitions.DeviceMove;
import org.hotline.routing.agent.AgentTransitions.DeviceSignal;

/**
 * The ACD's view of the agents' devices: what the switch last said about each one, and the moves of the device table
 * ({@link AgentTransitions#onDevice}) it causes. Kept apart from the {@link RoutingEngine}'s matching of calls and
 * agents because it is event-driven bookkeeping of its own (nothing polls the switch). Not thread-safe: part of the
 * engine, it runs under the {@link Acd}'s lock.
 */
final class DeviceWatch {
    /** Per device (one member of a device list): whether the switch's last report said it is reachable. */
    private final Map<String, Boolean> reachable;
    private final AgentRoster roster;
    private final Consumer<AgentStateChanged> emit;
    private final Consumer<Agent> serve;
    private final Supplier<Instant> now;

    /**
     * @param emit  publishes a move (through the engine, in the order the state changed)
     * @param serve lets a READY agent take the best waiting call
     */
    DeviceWatch(Map<String, Boolean> reachable, AgentRoster roster, Consumer<AgentStateChanged> emit,
                Consumer<Agent> serve, Supplier<Instant> now) {
        this.reachable = reachable;
        this.roster = roster;
        this.emit = emit;
        this.serve = serve;
        this.now = now;
    }

    /**
     * The switch reports a device's state: the ACD remembers it (a device known unreachable is never offered a call)
     * and returns the device strings of the agents on it whose move depends on their whole device string (a list
     * such as {@code PJSIP/1001&PJSIP/webrtc1001} when the agent has several): the READY ones when the device went
     * UNAVAILABLE, the ones NOT_READY {@code device-unavailable} when it is reachable. The ACD checks those outside
     * its lock, then calls {@link #changed}.
     */
    List<String> reported(String device, DeviceState state) {
        if (device == null || state == null) {
            return List.of();
        }
        reachable.put(device, state.reachable());
        DeviceSignal signal = signal(state);
        return roster.onDevice(device).stream()
                .filter(a -> AgentTransitions.onDevice(a.state(), a.reason(), signal).isPresent())
                .map(Agent::device).distinct().toList();
    }

    /**
     * Applies the device table ({@link AgentTransitions#onDevice}) to the agents on {@code device}: a READY agent
     * none of whose devices is reachable goes NOT_READY {@code device-unavailable}; an agent the ACD put NOT_READY
     * {@code device-unavailable} whose device is reachable again goes READY and takes the best waiting call. An agent
     * who chose NOT_READY keeps its reason; agents in other states keep theirs (their next move into READY checks the
     * device). A READY agent on a device reachable again may take a call it was passed over for while the device was
     * known unreachable.
     *
     * @param online an agent's whole device string as checked beforehand outside the lock ({@link #reported});
     *               null for an agent that was not checked (it reached its state meanwhile, and its device was
     *               checked then): such an agent does not move
     */
    void changed(String device, DeviceState state, Function<String, Boolean> online) {
        if (device == null || state == null) {
            return;
        }
        DeviceSignal signal = signal(state);
        for (Agent agent : roster.onDevice(device)) {
            Boolean checked = online.apply(agent.device());
            boolean confirmed = checked != null && checked == (signal == DeviceSignal.REACHABLE);
            Optional<DeviceMove> move = AgentTransitions.onDevice(agent.state(), agent.reason(), signal);
            if (confirmed && move.isPresent()) {
                emit.accept(roster.move(agent, move.get().to(), move.get().toReason(), null, now.get()));
            }
            if (agent.state() == READY && signal == DeviceSignal.REACHABLE) {
                serve.accept(agent);
            }
        }
    }

    /**
     * Whether the switch's last reports say that none of the agent's devices is reachable: such an agent is never
     * offered a call (its Dial would fail), even in the moment before the report has moved it NOT_READY. A device
     * never reported is not known unreachable (the switch's {@code deviceAvailable} decides when the agent goes
     * READY).
     */
    boolean knownUnreachable(Agent agent) {
        List<String> members = Devices.members(agent.device());
        return !members.isEmpty() && members.stream().allMatch(m -> Boolean.FALSE.equals(reachable.get(m)));
    }

    private static DeviceSignal signal(DeviceState state) {
        return state.reachable() ? DeviceSignal.REACHABLE : DeviceSignal.UNREACHABLE;
    }
}
