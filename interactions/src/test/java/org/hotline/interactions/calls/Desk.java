package org.hotline.interactions.calls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.error.NotFoundException;
import org.hotline.platform.routing.AgentDesk;
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
    public AgentSnapshot login(String agent) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AgentSnapshot ready(String agent) {
        return move(agent, AgentState.READY, null);
    }

    @Override
    public AgentSnapshot notReady(String agent, String reason) {
        return move(agent, AgentState.NOT_READY, reason);
    }

    @Override
    public AgentSnapshot finishWrapUp(String agent) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AgentSnapshot logout(String agent) {
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

    private AgentSnapshot move(String agent, AgentState to, String reason) {
        AgentSnapshot s = agent(agent).orElseThrow(() -> new NotFoundException(agent));
        if (s.state() != AgentState.READY && s.state() != AgentState.NOT_READY) {
            throw new ConflictException(agent + " cannot go " + to + " while " + s.state());
        }
        AgentSnapshot next = new AgentSnapshot(agent, s.displayName(), s.skills(), s.device(), to, reason,
                Instant.EPOCH, s.callId());
        agents.put(agent, next);
        transitions.add(to + (reason == null ? "" : "(" + reason + ")"));
        return next;
    }
}
