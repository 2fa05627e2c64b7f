package org.hotline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotline.platform.routing.AgentState.NOT_READY;
import static org.hotline.platform.routing.AgentState.READY;
import static org.hotline.routing.AcdFixture.call;

import java.time.Duration;
import java.util.Set;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.platform.telephony.DeviceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An agent whose device is a Dial list, a desk phone and its WebRTC browser twin ({@code PJSIP/1001&PJSIP/webrtc1001}):
 * the switch reports each phone on its own, and the agent stays READY while either is reachable.
 */
class DeviceListTest {
    static final String DESK = "PJSIP/1001";
    static final String BROWSER = "PJSIP/webrtc1001";
    static final String TWINS = DESK + "&" + BROWSER;

    private final AcdFixture f = new AcdFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private void readyOnTwins(String agent) {
        f.acd.register(new AgentProfile(agent, agent.toUpperCase(), Set.of("support"), TWINS));
        f.acd.login(agent);
        f.acd.ready(agent);
    }

    @Test
    void aReadyAgentStaysReadyWhileTheOtherDeviceOfItsListIsReachable() throws Exception {
        readyOnTwins("agent1");
        int mark = f.mark();

        var report = f.memberReports(DESK, DeviceState.UNAVAILABLE);

        assertThat(f.state("agent1")).isEqualTo(READY);
        assertThat(f.since(mark)).containsExactly(report);
        WaitingCall c1 = f.queued(call("c1", "support", 0));
        assertThat(c1.awaitReservation(Duration.ZERO)).hasValueSatisfying(r -> {
            assertThat(r.agent()).isEqualTo("agent1");
            assertThat(r.device()).as("the whole list is rung: Asterisk's Dial rings the reachable twin")
                    .isEqualTo(TWINS);
        });
    }

    @Test
    void aReadyAgentGoesNotReadyWhenNoDeviceOfItsListIsReachable() {
        readyOnTwins("agent1");
        f.memberReports(DESK, DeviceState.UNAVAILABLE);
        int mark = f.mark();

        var report = f.memberReports(BROWSER, DeviceState.UNAVAILABLE);

        assertThat(f.snapshot("agent1").state()).isEqualTo(NOT_READY);
        assertThat(f.snapshot("agent1").reason()).isEqualTo("device-unavailable");
        assertThat(f.since(mark)).first().isEqualTo(report);
        assertThat(f.since(mark)).filteredOn(AgentStateChanged.class::isInstance).hasSize(1);
    }

    @Test
    void theBrowserTwinAloneReportingOfflineLeavesTheAgentReadyOnItsDeskPhone() {
        readyOnTwins("agent1");

        f.memberReports(BROWSER, DeviceState.UNAVAILABLE);

        assertThat(f.state("agent1")).isEqualTo(READY);
    }

    @Test
    void anAgentWithBothDevicesOfflineCannotGoReadyAndEitherComingBackLetsIt() {
        f.acd.register(new AgentProfile("agent1", "AGENT1", Set.of("support"), TWINS));
        f.acd.login("agent1");
        f.memberReports(DESK, DeviceState.UNAVAILABLE);
        f.memberReports(BROWSER, DeviceState.UNAVAILABLE);
        assertThat(f.acd.ready("agent1")).isEqualTo(new AgentMove.DeviceUnavailable("agent1", TWINS));

        f.memberReports(BROWSER, DeviceState.AVAILABLE);

        assertThat(f.state("agent1")).as("its own NOT_READY (login) is not the platform's: it stays")
                .isEqualTo(NOT_READY);
        assertThat(f.acd.ready("agent1").orElseThrow().state()).isEqualTo(READY);
    }

    @Test
    void anAgentPutNotReadyWhenBothDevicesWentOfflineIsReadyAgainWhenEitherIsReachable() {
        readyOnTwins("agent1");
        f.memberReports(DESK, DeviceState.UNAVAILABLE);
        f.memberReports(BROWSER, DeviceState.UNAVAILABLE);
        assertThat(f.snapshot("agent1").reason()).isEqualTo("device-unavailable");

        f.memberReports(BROWSER, DeviceState.AVAILABLE);

        assertThat(f.state("agent1")).isEqualTo(READY);
    }

    @Test
    void onlyAgentsListingTheDeviceAreAffected() {
        readyOnTwins("agent1");
        f.ready("agent2", "support");                      // on dev-agent2
        f.acd.register(new AgentProfile("agent3", "AGENT3", Set.of("support"), "PJSIP/1003&PJSIP/webrtc10010"));
        f.acd.login("agent3");
        f.acd.ready("agent3");
        int mark = f.mark();

        f.memberReports(BROWSER, DeviceState.UNAVAILABLE);
        f.memberReports(DESK, DeviceState.UNAVAILABLE);

        assertThat(f.since(mark)).filteredOn(AgentStateChanged.class::isInstance)
                .extracting(e -> ((AgentStateChanged) e).agent()).containsExactly("agent1");
        assertThat(f.state("agent2")).isEqualTo(READY);
        assertThat(f.state("agent3")).as("webrtc10010 is not webrtc1001").isEqualTo(READY);
    }
}
