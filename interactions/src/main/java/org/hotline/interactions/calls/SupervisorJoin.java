package org.hotline.interactions.calls;

import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SpyMode;
import org.hotline.platform.telephony.SwitchCapabilities;
import org.hotline.platform.telephony.SwitchResult;
import org.hotline.platform.telephony.Supervision;
import org.hotline.platform.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A supervisor's phone joins the call of an agent who is ON_CALL, to listen, whisper to the agent or barge in;
 * hanging up the returned spy call ends it. Blocks: call it off the event loop.
 */
public final class SupervisorJoin {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisorJoin.class);

    /** The supervisor's spy call {@code spyCallId} is on the way to the call of {@code agent}. */
    public record Joined(String spyCallId, String agent, SpyMode mode) {
    }

    private final AgentDesk desk;
    private final Supervision supervision;
    private final SwitchCapabilities can;
    private final UnaryOperator<String> phoneOf;

    /** @param phoneOf the phone a supervisor listens in with */
    public SupervisorJoin(AgentDesk desk, Supervision supervision, SwitchCapabilities can,
                          UnaryOperator<String> phoneOf) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.supervision = Objects.requireNonNull(supervision, "supervision");
        this.can = Objects.requireNonNull(can, "can");
        this.phoneOf = Objects.requireNonNull(phoneOf, "phoneOf");
    }

    /** Joins {@code supervisor}'s phone to the call of {@code agent}. */
    public CallResult<Joined> join(User supervisor, String agent, SpyMode mode) {
        Optional<AgentSnapshot> found = desk.agent(agent);
        if (found.isEmpty()) {
            return new CallResult.UnknownAgent<>(agent);
        }
        AgentSnapshot target = found.get();
        if (target.state() != AgentState.ON_CALL) {
            return new CallResult.NotNow<>(target.state(), agent + " is not on a call (state " + target.state() + ")");
        }
        if (!can.supervision()) {
            return new CallResult.Unsupported<>("this switch cannot join a supervisor to a call");
        }
        SwitchResult<String> spy = supervision.spy(phoneOf.apply(supervisor.username()), target.device(), mode);
        return switch (spy) {
            case SwitchResult.Done<String> d -> {
                LOG.info("{} joined the call {} of {} ({}, spy call {})", supervisor.username(), target.callId(),
                        agent, mode, d.value());
                yield new CallResult.Done<>(new Joined(d.value(), agent, mode));
            }
            case SwitchResult.Refused<String> r -> new CallResult.SwitchRefused<>(r.why(), r.message());
        };
    }
}
