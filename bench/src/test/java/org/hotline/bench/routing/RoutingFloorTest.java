package org.hotline.bench.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.AgentState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routing benchmark's floor is what its figures claim: 1,000 agents and 10,000 waiting calls, each decision
 * does the routing it is named for, and its undo brings the floor back, so every measured decision meets the same
 * state. Not timed: the speed is JMH's to measure.
 */
class RoutingFloorTest {
    private RoutingFloor floor;

    @BeforeEach
    void build() {
        floor = new RoutingFloor();
    }

    @AfterEach
    void close() {
        floor.close();
    }

    @Test
    void theFloorHasAThousandAgentsAndTenThousandWaitingCalls() {
        assertThat(floor.agents()).hasSize(RoutingFloor.AGENTS);
        assertThat(floor.waitingCalls()).isEqualTo(RoutingFloor.WAITING_CALLS);
        assertThat(floor.agentsIn(AgentState.ON_CALL)).isEqualTo(RoutingFloor.TALKING);
        assertThat(floor.agentsIn(AgentState.NOT_READY)).isEqualTo(RoutingFloor.ON_BREAK);
        assertThat(floor.agentsIn(AgentState.READY)).isEqualTo(RoutingFloor.SALES_READY);
    }

    @Test
    void anAgentBackFromABreakTakesTheOldestVipCallOfItsQueuesAndTheUndoPutsItBack() {
        AgentSnapshot reserved = floor.agentBecomesReady();

        assertThat(reserved.state()).isEqualTo(AgentState.RESERVED);
        assertThat(reserved.callId()).isEqualTo("wait-800"); // the first VIP call, placed first in support-0
        assertThat(floor.waitingCalls()).isEqualTo(RoutingFloor.WAITING_CALLS - 1);

        floor.ringNoAnswer(reserved);

        assertThat(floor.waitingCalls()).isEqualTo(RoutingFloor.WAITING_CALLS);
        assertThat(floor.agentsIn(AgentState.NOT_READY)).isEqualTo(RoutingFloor.ON_BREAK);
        assertThat(floor.agentBecomesReady().callId()).as("the next agent serves support-1..3: its first VIP call")
                .isEqualTo("wait-821");
    }

    @Test
    void anArrivingSalesCallGoesToTheLongestIdleSalesAgentAndItsHangUpFreesTheAgent() {
        String first = floor.salesCallArrives();

        assertThat(floor.agents()).filteredOn(a -> first.equals(a.callId()))
                .singleElement().satisfies(a -> {
                    assertThat(a.state()).isEqualTo(AgentState.RESERVED);
                    assertThat(a.username()).isEqualTo("agent-0900");
                });

        floor.callerHangsUp(first);

        assertThat(floor.agentsIn(AgentState.READY)).isEqualTo(RoutingFloor.SALES_READY);
        assertThat(floor.waitingCalls()).isEqualTo(RoutingFloor.WAITING_CALLS);
        String second = floor.salesCallArrives();
        assertThat(floor.agents()).filteredOn(a -> second.equals(a.callId()))
                .singleElement().extracting(AgentSnapshot::username).isEqualTo("agent-0901");
    }
}
