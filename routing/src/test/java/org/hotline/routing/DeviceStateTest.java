package org.hotline.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.platform.routing.AgentState.LOGGED_OUT;
import static org.hotline.platform.routing.AgentState.NOT_READY;
import static org.hotline.platform.routing.AgentState.ON_CALL;
import static org.hotline.platform.routing.AgentState.READY;
import static org.hotline.platform.routing.AgentState.RESERVED;
import static org.hotline.platform.routing.AgentState.WRAP_UP;
import static org.hotline.routing.AcdFixture.call;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.DeviceStateChanged;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.routing.Reservation;
import org.hotline.platform.routing.WaitingCall;
import org.hotline.platform.telephony.DeviceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the ACD does when the switch reports an agent's phone going offline or coming back. */
class DeviceStateTest {
    private final AcdFixture f = new AcdFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aReadyAgentWhosePhoneGoesOfflineIsNotOfferedTheNextCall() throws Exception {
        f.ready("offline", "support");
        f.ready("online", "support");

        DeviceStateChanged report = f.deviceReports("offline", DeviceState.UNAVAILABLE);
        WaitingCall c1 = f.acd.enqueue(call("c1", "support", 0));

        AgentSnapshot s = f.snapshot("offline");
        assertThat(s.state()).isEqualTo(NOT_READY);
        assertThat(s.reason()).isEqualTo("device-unavailable");
        assertThat(s.since()).isEqualTo(report.at().truncatedTo(ChronoUnit.MILLIS));
        assertThat(c1.awaitReservation(Duration.ZERO)).map(Reservation::agent)
                .as("the longest-idle agent is offline: the call goes to the other one").contains("online");
    }

    @Test
    void onlyTheAgentOnThatDeviceIsAffected() {
        f.ready("agent1", "support");
        f.ready("agent2", "support");
        int mark = f.mark();

        f.deviceReports("agent1", DeviceState.UNAVAILABLE);

        assertThat(f.state("agent2")).isEqualTo(READY);
        assertThat(f.since(mark)).filteredOn(AgentStateChanged.class::isInstance)
                .extracting(e -> ((AgentStateChanged) e).agent()).containsExactly("agent1");
    }

    @ParameterizedTest
    @EnumSource(value = DeviceState.class, names = {"AVAILABLE", "IN_USE", "RINGING", "ON_HOLD", "UNKNOWN"})
    void aReachableDeviceStateLeavesAReadyAgentReady(DeviceState state) {
        f.ready("agent1", "support");
        int mark = f.mark();

        var report = f.deviceReports("agent1", state);

        assertThat(f.state("agent1")).isEqualTo(READY);
        assertThat(f.since(mark)).containsExactly(report);
    }

    @Test
    void aNotReadyAgentKeepsItsReason() {
        f.loggedIn("agent1", "support");
        f.acd.notReady("agent1", "break");
        int mark = f.mark();

        var report = f.deviceReports("agent1", DeviceState.UNAVAILABLE);

        assertThat(f.snapshot("agent1").reason()).isEqualTo("break");
        assertThat(f.since(mark)).containsExactly(report);
    }

    @Test
    void aLoggedOutAgentStaysLoggedOut() {
        f.acd.register(new AgentProfile("agent1", "Agent One", Set.of("support"), AcdFixture.device("agent1")));
        int mark = f.mark();

        var report = f.deviceReports("agent1", DeviceState.UNAVAILABLE);

        assertThat(f.state("agent1")).isEqualTo(LOGGED_OUT);
        assertThat(f.since(mark)).containsExactly(report);
    }

    @Test
    void aRingingAgentStaysReservedAndARingOutThenLeavesItNotReady() {
        f.ready("agent1", "support");
        f.acd.enqueue(call("c1", "support", 0));
        int mark = f.mark();

        var report = f.deviceReports("agent1", DeviceState.UNAVAILABLE);

        assertThat(f.snapshot("agent1").callId()).isEqualTo("c1");
        assertThat(f.state("agent1")).isEqualTo(RESERVED);
        assertThat(f.since(mark)).containsExactly(report);

        f.acd.ringNoAnswer("c1");
        assertThat(f.snapshot("agent1").reason()).isEqualTo("ring-no-answer");
    }

    @Test
    void anAgentOnACallKeepsTalkingAndItsWrapUpEndsNotReady() {
        f.ready("agent1", "support");
        f.acd.enqueue(call("c1", "support", 0));
        f.acd.answered("c1");
        int mark = f.mark();

        var report = f.deviceReports("agent1", DeviceState.UNAVAILABLE);

        assertThat(f.state("agent1")).isEqualTo(ON_CALL);
        assertThat(f.since(mark)).containsExactly(report);

        f.hangUp("c1");
        assertThat(f.state("agent1")).isEqualTo(WRAP_UP);
        f.scheduler.advance(AcdFixture.SUPPORT_WRAP_UP);

        AgentSnapshot s = f.snapshot("agent1");
        assertThat(s.state()).isEqualTo(NOT_READY);
        assertThat(s.reason()).isEqualTo("device-unavailable");
    }

    @Test
    void anAgentInWrapUpStaysThereButCannotFinishItWhileOffline() {
        f.ready("agent1", "support");
        f.acd.enqueue(call("c1", "support", 0));
        f.acd.answered("c1");
        f.hangUp("c1");
        int mark = f.mark();

        var report = f.deviceReports("agent1", DeviceState.UNAVAILABLE);

        assertThat(f.state("agent1")).isEqualTo(WRAP_UP);
        assertThat(f.since(mark)).containsExactly(report);
        assertThatThrownBy(() -> f.acd.finishWrapUp("agent1")).isInstanceOf(ConflictException.class)
                .hasMessage("agent1 cannot go READY: device dev-agent1 is unavailable");
        assertThat(f.state("agent1")).isEqualTo(WRAP_UP);
    }

    @Test
    void aPhoneComingBackMakesNobodyReadyButLetsTheAgentGoReadyAgain() {
        f.ready("agent1", "support");
        f.deviceReports("agent1", DeviceState.UNAVAILABLE);
        assertThatThrownBy(() -> f.acd.ready("agent1")).isInstanceOf(ConflictException.class);
        int mark = f.mark();

        var report = f.deviceReports("agent1", DeviceState.AVAILABLE);

        assertThat(f.state("agent1")).isEqualTo(NOT_READY);
        assertThat(f.since(mark)).containsExactly(report);
        assertThat(f.acd.ready("agent1").state()).isEqualTo(READY);
    }

    @Test
    void reportsOfUnknownDevicesAndAfterCloseAreIgnored() {
        f.ready("agent1", "support");
        int mark = f.mark();

        f.bus.publish(new DeviceStateChanged("dev-nobody", DeviceState.UNAVAILABLE, f.clock.instant()));
        f.acd.close();
        f.deviceReports("agent1", DeviceState.UNAVAILABLE);

        assertThat(f.state("agent1")).isEqualTo(READY);
        assertThat(f.since(mark)).noneMatch(AgentStateChanged.class::isInstance);
    }
}
