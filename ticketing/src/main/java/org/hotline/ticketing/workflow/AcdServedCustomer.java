package org.hotline.ticketing.workflow;

import java.util.Optional;
import org.hotline.platform.call.CallLog;
import org.hotline.platform.call.CallRecord;
import org.hotline.platform.routing.AgentDesk;
import org.hotline.platform.routing.AgentSnapshot;

/** The served customer from the ACD: the customer of the call record of the call attached to the agent now. */
public final class AcdServedCustomer implements ServedCustomer {
    private final AgentDesk agents;
    private final CallLog calls;

    public AcdServedCustomer(AgentDesk agents, CallLog calls) {
        this.agents = agents;
        this.calls = calls;
    }

    @Override
    public Optional<Long> of(String username) {
        return agents.agent(username).map(AgentSnapshot::callId).flatMap(calls::find).map(CallRecord::customerId);
    }
}
