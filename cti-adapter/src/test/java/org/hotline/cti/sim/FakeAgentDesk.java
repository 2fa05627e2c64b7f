package org.hotline.cti.sim;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.EventBus;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;

/** Just enough of routing's agent desk: states, a few transition rules, and AgentStateChanged on every change. */
final class FakeAgentDesk implements AgentDesk {
    private final EventBus bus;
    private final Map<String, AgentSnapshot> agents = new ConcurrentHashMap<>();

    FakeAgentDesk(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void register(AgentProfile p) {
        agents.put(p.username(), new AgentSnapshot(p.username(), p.displayName(), p.skills(), p.device(),
                AgentState.LOGGED_OUT, null, Instant.now(), null));
    }

    @Override
    public AgentMove login(String agent) {
        return move(agent, AgentState.NOT_READY, "login", AgentState.LOGGED_OUT);
    }

    @Override
    public AgentMove ready(String agent) {
        return move(agent, AgentState.READY, null, AgentState.NOT_READY, AgentState.WRAP_UP);
    }

    @Override
    public AgentMove notReady(String agent, String reason) {
        return move(agent, AgentState.NOT_READY, reason, AgentState.READY, AgentState.RESERVED, AgentState.WRAP_UP);
    }

    @Override
    public AgentMove finishWrapUp(String agent) {
        return move(agent, AgentState.READY, null, AgentState.WRAP_UP);
    }

    @Override
    public AgentMove logout(String agent) {
        return move(agent, AgentState.LOGGED_OUT, null, AgentState.values());
    }

    @Override
    public Optional<AgentSnapshot> agent(String agent) {
        return Optional.ofNullable(agents.get(agent));
    }

    @Override
    public List<AgentSnapshot> agents() {
        return List.copyOf(agents.values());
    }

    /** What routing would do on its own (e.g. WRAP_UP after a call, NOT_READY after a ring-no-answer). */
    void force(String agent, AgentState state, String reason) {
        move(agent, state, reason, AgentState.values());
    }

    AgentState state(String agent) {
        return agents.get(agent).state();
    }

    private synchronized AgentMove move(String agent, AgentState to, String reason, AgentState... from) {
        AgentSnapshot s = agents.get(agent);
        if (s == null) {
            return new AgentMove.UnknownAgent(agent);
        }
        if (!List.of(from).contains(s.state())) {
            return new AgentMove.NotAllowed(agent, s.state(), "go " + to);
        }
        AgentSnapshot next = new AgentSnapshot(s.username(), s.displayName(), s.skills(), s.device(), to, reason,
                Instant.now(), null);
        agents.put(agent, next);
        bus.publish(new AgentStateChanged(agent, to, reason, null, next.since()));
        return new AgentMove.Moved(next);
    }
}
