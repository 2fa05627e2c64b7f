package org.hotline.cti.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentState;
import org.hotline.platform.telephony.ConnectResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedAgentsTest {
    private final SwitchFixture f = new SwitchFixture();
    private final FakeAgentDesk desk = new FakeAgentDesk(f.bus);
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final SimulatedAgents agents = new SimulatedAgents(f.sw, desk, f.bus, scheduler, Duration.ofMillis(20),
            Duration.ofMillis(200), Duration.ofMillis(100));

    SimulatedAgentsTest() {
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void close() {
        agents.close();
        scheduler.shutdownNow();
        f.close();
    }

    private void addLi() {
        agents.add(new AgentProfile("li", "Li Lei", Set.of("repair"), "SIM/li"));
    }

    @Test
    void anAddedAgentIsReadyWithAnAutoAnsweringPhone() {
        addLi();

        assertThat(desk.state("li")).isEqualTo(AgentState.READY);
        assertThat(f.sw.deviceAvailable("SIM/li")).isTrue();
        f.handler(ch -> ch.connect("SIM/li", Duration.ofSeconds(5)));
        String id = f.sw.placeCall(SimulatedCaller.pressing("13800138000"));
        assertThat(f.outcome(id).value()).isEqualTo(ConnectResult.ANSWERED);
    }

    @Test
    void wrapUpEndsByItselfAfterTheWrapUpTimeWithoutBlockingTheBus() {
        addLi();

        desk.force("li", AgentState.WRAP_UP, null);

        assertThat(desk.state("li")).as("the event handler only schedules").isEqualTo(AgentState.WRAP_UP);
        await().atMost(Duration.ofSeconds(5)).until(() -> desk.state("li") == AgentState.READY);
    }

    @Test
    void notReadyAfterARingNoAnswerTurnsReadyAfterAPause() {
        addLi();

        desk.force("li", AgentState.NOT_READY, "ring-no-answer");

        assertThat(desk.state("li")).isEqualTo(AgentState.NOT_READY);
        await().atMost(Duration.ofSeconds(5)).until(() -> desk.state("li") == AgentState.READY);
    }

    @Test
    void otherAgentsAreLeftAlone() {
        addLi();
        desk.register(new AgentProfile("human", "Han Meimei", Set.of("repair"), "WebRTC/han"));
        desk.login("human");

        assertThat(scheduler.getQueue()).as("a human agent's NOT_READY schedules nothing").isEmpty();
        assertThat(desk.state("human")).isEqualTo(AgentState.NOT_READY);
    }

    @Test
    void closingStopsReactingAndTakesThePhonesOffline() {
        addLi();

        agents.close();
        desk.force("li", AgentState.WRAP_UP, null);

        assertThat(scheduler.getQueue()).isEmpty();
        assertThat(f.sw.deviceAvailable("SIM/li")).isFalse();
    }
}
