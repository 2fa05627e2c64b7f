package org.hotline.routing.agent;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.Devices;

/** Every agent known to the ACD, and the READY ones in idle order. Not thread-safe: guarded by the ACD's lock. */
public final class AgentRoster implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final Map<String, Agent> agents = new TreeMap<>();
    private final TreeMap<Long, Agent> idle = new TreeMap<>();
    /** Each phone to the agents whose device is or lists it (usernames in order): a device's event finds its agents. */
    private final Map<String, TreeSet<String>> byPhone = new HashMap<>();
    private long nextIdleRank;

    /** Adds a LOGGED_OUT agent, or updates the skills, name and device of a known one (its state is kept). */
    public Agent register(AgentProfile profile, Instant at) {
        if (profile == null) {
            throw new ValidationException("profile", "an agent profile is required");
        }
        if (profile.username() == null || profile.username().isBlank()) {
            throw new ValidationException("username", "an agent needs a username");
        }
        if (profile.device() == null || profile.device().isBlank()) {
            throw new ValidationException("device", "agent " + profile.username() + " needs a device");
        }
        Agent known = agents.get(profile.username());
        if (known != null) {
            unindex(known);
            known.profile(profile);
            index(known);
            return known;
        }
        Agent agent = new Agent(profile, at);
        agents.put(profile.username(), agent);
        index(agent);
        return agent;
    }

    private void index(Agent agent) {
        for (String phone : Devices.members(agent.device())) {
            byPhone.computeIfAbsent(phone, p -> new TreeSet<>()).add(agent.username());
        }
    }

    private void unindex(Agent agent) {
        for (String phone : Devices.members(agent.device())) {
            TreeSet<String> on = byPhone.get(phone);
            if (on != null && on.remove(agent.username()) && on.isEmpty()) {
                byPhone.remove(phone);
            }
        }
    }

    public Agent require(String username) {
        Agent agent = username == null ? null : agents.get(username);
        if (agent == null) {
            throw new NotFoundException("unknown agent: " + username);
        }
        return agent;
    }

    public Optional<Agent> find(String username) {
        return Optional.ofNullable(username == null ? null : agents.get(username));
    }

    /**
     * The agents whose device is {@code device} or lists it ({@code PJSIP/1001&PJSIP/webrtc1001} is on both phones),
     * in username order.
     */
    public List<Agent> onDevice(String device) {
        TreeSet<String> on = device == null ? null : byPhone.get(device);
        return on == null ? List.of() : on.stream().map(agents::get).toList();
    }

    /** The READY agent with {@code skill} that has been idle longest. */
    public Optional<Agent> longestIdle(String skill) {
        return longestIdle(skill, a -> true);
    }

    /** The READY agent with {@code skill} that has been idle longest among those {@code eligible} accepts. */
    public Optional<Agent> longestIdle(String skill, Predicate<Agent> eligible) {
        for (Agent agent : idle.values()) {
            if (agent.hasSkill(skill) && eligible.test(agent)) {
                return Optional.of(agent);
            }
        }
        return Optional.empty();
    }

    /**
     * Moves an agent along the state machine.
     *
     * @return the event that tells the move
     * @throws org.hotline.platform.error.ConflictException when the transition is not allowed (nothing changes)
     */
    public AgentStateChanged move(Agent agent, AgentState next, String reason, String callId, Instant at) {
        AgentTransitions.check(agent.username(), agent.state(), next);
        if (agent.state() == AgentState.READY) {
            idle.remove(agent.idleRank());
        }
        agent.apply(next, reason, callId, at);
        if (next == AgentState.READY) {
            long rank = nextIdleRank++;
            agent.idleRank(rank);
            idle.put(rank, agent);
        }
        return new AgentStateChanged(agent.username(), next, reason, callId, at);
    }

    /** In username order. */
    public Collection<Agent> all() {
        return agents.values();
    }
}
