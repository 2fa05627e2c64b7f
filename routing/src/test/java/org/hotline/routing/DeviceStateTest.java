package org.hotline.routing;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.hotline.platform.routing.AgentMove;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the ACD does when the switch reports an agent's phone going offline or coming back: the platform's own
 * NOT_READY (device-unavailable) is undone when the phone is reachable again, an agent's own NOT_READY is not, and a
 * phone known unreachable is never offered a call.
 */
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
        WaitingCall c1 = f.queued(call("c1", "support", 0));

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
        f.queued(call("c1", "support", 0));
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
        f.queued(call("c1", "support", 0));
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
        f.queued(call("c1", "support", 0));
        f.acd.answered("c1");
        f.hangUp("c1");
        int mark = f.mark();

        var report = f.deviceReports("agent1", DeviceState.UNAVAILABLE);

        assertThat(f.state("agent1")).isEqualTo(WRAP_UP);
        assertThat(f.since(mark)).containsExactly(report);
        assertThat(f.acd.finishWrapUp("agent1")).isEqualTo(new AgentMove.DeviceUnavailable("agent1", "dev-agent1"));
        assertThat(f.state("agent1")).isEqualTo(WRAP_UP);
    }

    @Test
    void anAgentTheAcdPutNotReadyForAnUnreachablePhoneIsReadyAgainWhenThePhoneIsReachable() {
        f.ready("agent1", "support");
        f.deviceReports("agent1", DeviceState.UNAVAILABLE);
        assertThat(f.acd.ready("agent1")).isInstanceOf(AgentMove.DeviceUnavailable.class);
        f.clock.advance(Duration.ofSeconds(18));
        int mark = f.mark();

        var report = f.deviceReports("agent1", DeviceState.AVAILABLE);

        AgentSnapshot s = f.snapshot("agent1");
        assertThat(s.state()).isEqualTo(READY);
        assertThat(s.reason()).isNull();
        assertThat(s.since()).isEqualTo(report.at().truncatedTo(ChronoUnit.MILLIS));
        assertThat(f.since(mark)).containsExactly(report,
                new AgentStateChanged("agent1", READY, null, null, s.since()));
    }

    @Test
    void anAgentBackFromAnUnreachablePhoneTakesTheCallThatWaited() throws Exception {
        f.ready("agent1", "support");
        f.deviceReports("agent1", DeviceState.UNAVAILABLE);
        WaitingCall c1 = f.queued(call("c1", "support", 0));
        assertThat(c1.awaitReservation(Duration.ZERO)).isEmpty();

        f.deviceReports("agent1", DeviceState.AVAILABLE);

        assertThat(f.state("agent1")).isEqualTo(RESERVED);
        assertThat(c1.awaitReservation(Duration.ZERO)).map(Reservation::agent).contains("agent1");
    }

    @Test
    void anAgentWhoseWrapUpEndedOnAnUnreachablePhoneIsReadyAgainWhenThePhoneIsReachable() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));
        f.acd.answered("c1");
        f.deviceReports("agent1", DeviceState.UNAVAILABLE);
        f.hangUp("c1");
        f.scheduler.advance(AcdFixture.SUPPORT_WRAP_UP);
        assertThat(f.snapshot("agent1").reason()).isEqualTo("device-unavailable");

        f.deviceReports("agent1", DeviceState.AVAILABLE);

        assertThat(f.state("agent1")).isEqualTo(READY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"break", "training", "ring-no-answer", "login"})
    void anAgentWhoIsNotReadyForAnotherReasonStaysNotReadyWhenThePhoneIsReachable(String reason) {
        f.loggedIn("agent1", "support");
        if (!reason.equals("login")) {
            f.acd.notReady("agent1", reason);
        }
        f.deviceReports("agent1", DeviceState.UNAVAILABLE);
        int mark = f.mark();

        var report = f.deviceReports("agent1", DeviceState.AVAILABLE);

        assertThat(f.state("agent1")).isEqualTo(NOT_READY);
        assertThat(f.snapshot("agent1").reason()).isEqualTo(reason);
        assertThat(f.since(mark)).containsExactly(report);
    }

    @Test
    void anAgentWhoChoseNotReadyAfterThePlatformDidStaysNotReady() {
        f.ready("agent1", "support");
        f.deviceReports("agent1", DeviceState.UNAVAILABLE);
        f.acd.notReady("agent1", "break");

        f.deviceReports("agent1", DeviceState.AVAILABLE);

        assertThat(f.snapshot("agent1").reason()).isEqualTo("break");
    }

    @Test
    void aReachableReportTheSwitchDoesNotConfirmLeavesTheAgentNotReady() {
        f.ready("agent1", "support");
        f.deviceReports("agent1", DeviceState.UNAVAILABLE);
        int mark = f.mark();

        // the report says reachable, but the switch's own check (made before moving) still finds the phone offline
        var report = new DeviceStateChanged(AcdFixture.device("agent1"), DeviceState.AVAILABLE, f.clock.instant());
        f.bus.publish(report);

        assertThat(f.snapshot("agent1").reason()).isEqualTo("device-unavailable");
        assertThat(f.since(mark)).containsExactly(report);
    }

    @Test
    void anAgentWhosePhoneIsKnownUnreachableIsNeverReservedEvenWhileStillReady() throws Exception {
        f.ready("agent1", "support");
        f.ready("agent2", "support");
        // the report arrives, but the switch's check still finds the phone reachable: agent1 stays READY...
        f.bus.publish(new DeviceStateChanged(AcdFixture.device("agent1"), DeviceState.UNAVAILABLE,
                f.clock.instant()));
        assertThat(f.state("agent1")).isEqualTo(READY);

        // ...and is passed over although it is the longest idle, for this call and the next
        WaitingCall c1 = f.queued(call("c1", "support", 0));
        WaitingCall c2 = f.queued(call("c2", "support", 0));
        assertThat(c1.awaitReservation(Duration.ZERO)).map(Reservation::agent).contains("agent2");
        assertThat(c2.awaitReservation(Duration.ZERO)).isEmpty();
        assertThat(f.state("agent1")).isEqualTo(READY);

        // once the phone is reported reachable, the agent takes the call that waited
        f.deviceReports("agent1", DeviceState.AVAILABLE);
        assertThat(c2.awaitReservation(Duration.ZERO)).map(Reservation::agent).contains("agent1");
    }

    @Test
    void anAgentWhosePhoneIsKnownUnreachableIsNotOfferedTheCallOfARingOut() throws Exception {
        f.ready("agent1", "support");
        WaitingCall c1 = f.queued(call("c1", "support", 0));
        f.ready("agent2", "support");
        f.bus.publish(new DeviceStateChanged(AcdFixture.device("agent2"), DeviceState.UNAVAILABLE,
                f.clock.instant()));

        f.acd.ringNoAnswer("c1");

        assertThat(c1.awaitReservation(Duration.ZERO)).isEmpty();
        assertThat(f.state("agent2")).isEqualTo(READY);
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
