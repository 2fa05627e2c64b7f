package org.hotline.console.agent;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hotline.interactions.calls.CallAction;
import org.hotline.interactions.calls.CallActions;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.SwitchCapabilities;

/**
 * The agent as its console shows it: routing's snapshot and the call actions it may take now ({@code answer},
 * {@code hangup}, {@code hold}, {@code transfer}, {@code recording}, {@code dial}; {@link CallActions}), so that the
 * page offers only the buttons that can work on this switch in this state.
 */
public record AgentView(String username, String displayName, Set<String> skills, String device, AgentState state,
                        String reason, Instant since, String callId, List<String> actions) {

    public static AgentView of(AgentSnapshot s, SwitchCapabilities can) {
        return new AgentView(s.username(), s.displayName(), s.skills(), s.device(), s.state(), s.reason(), s.since(),
                s.callId(), CallActions.allowed(s.state(), can).stream().map(CallAction::wireName).toList());
    }
}
