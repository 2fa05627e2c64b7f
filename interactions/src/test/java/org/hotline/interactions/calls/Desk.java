package org.hotline.interactions.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.user.User;

/**
 * An agent desk for the use cases' tests: it keeps each agent's state as the test puts it (the ACD's own state
 * machine is routing's, tested there) and lets READY / NOT_READY through only from NOT_READY / READY, as routing does.
 */
final class Desk implements AgentDesk, AgentLookup {
    private final Map<String, AgentSnapshot> agents = new ConcurrentHashMap<>();
    final List<String> transitions = new ArrayList<>();
    /** Set by a test: routing offers this agent a call just before its next own move (the move is then refused). */
    volatile String offeredBeforeNextMove;

    User put(String username, AgentState state, String callId) {
        agents.put(username, new AgentSnapshot(username, username, Set.of("general"), "console/" + username, state,
                null, Instant.EPOCH, callId));
        return new User(1, username, username, Set.of(), Set.of("general"));
    }

    AgentState state(String username) {
        return agents.get(username).state();
    }

    @Override
    public AgentSnapshot current(User user) {
        return agent(user.username()).orElseGet(() -> new AgentSnapshot(user.username(), user.displayName(),
                user.skills(), "console/" + user.username(), AgentState.LOGGED_OUT, null, null, null));
    }

    @Override
    public void register(AgentProfile profile) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AgentMove login(String agent) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AgentMove ready(String agent) {
        return move(agent, AgentState.READY, null);
    }

    @Override
    public AgentMove notReady(String agent, String reason) {
        return move(agent, AgentState.NOT_READY, reason);
    }

    @Override
    public AgentMove finishWrapUp(String agent) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AgentMove logout(String agent) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<AgentSnapshot> agent(String agent) {
        return Optional.ofNullable(agents.get(agent));
    }

    @Override
    public List<AgentSnapshot> agents() {
        return List.copyOf(agents.values());
    }

    private AgentMove move(String agent, AgentState to, String reason) {
        if (agent.equals(offeredBeforeNextMove)) {
            offeredBeforeNextMove = null;
            put(agent, AgentState.RESERVED, "in-1");
        }
        AgentSnapshot s = agents.get(agent);
        if (s == null) {
            return new AgentMove.UnknownAgent(agent);
        }
        if (s.state() != AgentState.READY && s.state() != AgentState.NOT_READY) {
            return new AgentMove.NotAllowed(agent, s.state(), "go " + to);
        }
        AgentSnapshot next = new AgentSnapshot(agent, s.displayName(), s.skills(), s.device(), to, reason,
                Instant.EPOCH, s.callId());
        agents.put(agent, next);
        transitions.add(to + (reason == null ? "" : "(" + reason + ")"));
        return new AgentMove.Moved(next);
    }
}
