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
import java.util.function.Supplier;
import org.hotline.platform.error.ValidationException;
import org.hotline.platform.event.AgentStateChanged;
import org.hotline.platform.event.CallEvent.TransferKind;
import org.hotline.platform.routing.AgentMove;
import org.hotline.platform.routing.AgentMove.DeviceUnavailable;
import org.hotline.platform.routing.AgentMove.NotAllowed;
import org.hotline.platform.routing.AgentMove.ReasonRequired;
import org.hotline.platform.routing.AgentMove.UnknownAgent;
import org.hotline.platform.routing.AgentProfile;
import org.hotline.platform.routing.AgentSnapshot;
import org.hotline.platform.telephony.DeviceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One test per allowed transition of the agent state machine, and the refused ones an agent could try. */
class AgentStateMachineTest {
    private final AcdFixture f = new AcdFixture();

    @AfterEach
    void close() {
        f.close();
    }

    // ---- allowed ----

    @Test
    void loginTakesALoggedOutAgentToNotReadyWithReasonLogin() {
        f.acd.register(new AgentProfile("agent1", "Agent One", Set.of("support"), "dev-agent1"));
        assertThat(f.state("agent1")).isEqualTo(LOGGED_OUT);

        AgentSnapshot s = f.acd.login("agent1").orElseThrow();

        assertThat(s.state()).isEqualTo(NOT_READY);
        assertThat(s.reason()).isEqualTo("login");
        assertThat(f.agentEvents("agent1"))
                .containsExactly(new AgentStateChanged("agent1", NOT_READY, "login", null, s.since()));
    }

    @Test
    void loggingInAgainWhileLoggedInChangesNothing() {
        f.ready("agent1", "support");
        int mark = f.mark();

        AgentSnapshot s = f.acd.login("agent1").orElseThrow();

        assertThat(s.state()).isEqualTo(READY);
        assertThat(f.since(mark)).isEmpty();
    }

    @Test
    void notReadyToReady() {
        f.loggedIn("agent1", "support");

        AgentSnapshot s = f.acd.ready("agent1").orElseThrow();

        assertThat(s.state()).isEqualTo(READY);
        assertThat(f.lastAgentEvent("agent1")).isEqualTo(new AgentStateChanged("agent1", READY, null, null, s.since()));
    }

    @Test
    void notReadyToNotReadyChangesTheReason() {
        f.loggedIn("agent1", "support");

        AgentSnapshot s = f.acd.notReady("agent1", "  meeting ").orElseThrow();

        assertThat(s.state()).isEqualTo(NOT_READY);
        assertThat(s.reason()).isEqualTo("meeting");
        assertThat(f.lastAgentEvent("agent1").reason()).isEqualTo("meeting");
    }

    @Test
    void notReadyToLoggedOut() {
        f.loggedIn("agent1", "support");

        assertThat(f.acd.logout("agent1").orElseThrow().state()).isEqualTo(LOGGED_OUT);
        assertThat(f.lastAgentEvent("agent1").state()).isEqualTo(LOGGED_OUT);
    }

    @Test
    void readyToReservedWhenACallIsOffered() {
        f.ready("agent1", "support");

        f.queued(call("c1", "support", 0));

        AgentSnapshot s = f.snapshot("agent1");
        assertThat(s.state()).isEqualTo(RESERVED);
        assertThat(s.callId()).isEqualTo("c1");
        assertThat(f.lastAgentEvent("agent1")).isEqualTo(new AgentStateChanged("agent1", RESERVED, null, "c1", s.since()));
    }

    @Test
    void readyToNotReady() {
        f.ready("agent1", "support");

        AgentSnapshot s = f.acd.notReady("agent1", "break").orElseThrow();

        assertThat(s.state()).isEqualTo(NOT_READY);
        assertThat(f.lastAgentEvent("agent1")).isEqualTo(new AgentStateChanged("agent1", NOT_READY, "break", null, s.since()));
    }

    @Test
    void readyToNotReadyWhenTheDeviceGoesOffline() {
        f.ready("agent1", "support");

        f.deviceReports("agent1", DeviceState.UNAVAILABLE);

        AgentSnapshot s = f.snapshot("agent1");
        assertThat(s.state()).isEqualTo(NOT_READY);
        assertThat(f.lastAgentEvent("agent1"))
                .isEqualTo(new AgentStateChanged("agent1", NOT_READY, "device-unavailable", null, s.since()));
    }

    @Test
    void readyToLoggedOut() {
        f.ready("agent1", "support");

        assertThat(f.acd.logout("agent1").orElseThrow().state()).isEqualTo(LOGGED_OUT);
        assertThat(f.lastAgentEvent("agent1").state()).isEqualTo(LOGGED_OUT);
    }

    @Test
    void reservedToOnCallWhenAnswered() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));

        f.acd.answered("c1");

        assertThat(f.state("agent1")).isEqualTo(ON_CALL);
        assertThat(f.lastAgentEvent("agent1")).extracting(AgentStateChanged::state, AgentStateChanged::callId)
                .containsExactly(ON_CALL, "c1");
    }

    @Test
    void reservedToNotReadyOnRingNoAnswer() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));

        f.acd.ringNoAnswer("c1");

        AgentSnapshot s = f.snapshot("agent1");
        assertThat(s.state()).isEqualTo(NOT_READY);
        assertThat(s.reason()).isEqualTo("ring-no-answer");
        assertThat(s.callId()).isNull();
    }

    @Test
    void reservedToReadyWhenTheCallerHangsUpWhileRinging() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));

        f.hangUp("c1");

        AgentSnapshot s = f.snapshot("agent1");
        assertThat(s.state()).isEqualTo(READY);
        assertThat(s.callId()).isNull();
        assertThat(f.lastAgentEvent("agent1").reason()).isEqualTo("caller-gone");
    }

    @Test
    void onCallToWrapUpWhenTheCallEnds() {
        onCall("agent1", "c1");

        f.hangUp("c1");

        AgentSnapshot s = f.snapshot("agent1");
        assertThat(s.state()).isEqualTo(WRAP_UP);
        assertThat(s.callId()).isEqualTo("c1");
        assertThat(f.lastAgentEvent("agent1").state()).isEqualTo(WRAP_UP);
    }

    @Test
    void onCallToWrapUpWhenTheCallIsTransferredAway() {
        onCall("agent1", "c1");

        f.transfer("c1", TransferKind.BLIND, "dev-agent2");

        AgentSnapshot s = f.snapshot("agent1");
        assertThat(s.state()).isEqualTo(WRAP_UP);
        assertThat(s.callId()).isEqualTo("c1");
        assertThat(f.lastAgentEvent("agent1")).isEqualTo(new AgentStateChanged("agent1", WRAP_UP, null, "c1", s.since()));
    }

    @Test
    void wrapUpToReadyWhenTheTimerRunsOut() {
        wrappingUp("agent1", "c1");

        f.scheduler.advance(AcdFixture.SUPPORT_WRAP_UP);

        assertThat(f.state("agent1")).isEqualTo(READY);
        assertThat(f.lastAgentEvent("agent1").state()).isEqualTo(READY);
    }

    @Test
    void wrapUpToReadyWhenTheAgentFinishesEarly() {
        wrappingUp("agent1", "c1");

        AgentSnapshot s = f.acd.finishWrapUp("agent1").orElseThrow();

        assertThat(s.state()).isEqualTo(READY);
        assertThat(f.lastAgentEvent("agent1").state()).isEqualTo(READY);
    }

    @Test
    void wrapUpToNotReady() {
        wrappingUp("agent1", "c1");

        AgentSnapshot s = f.acd.notReady("agent1", "paperwork").orElseThrow();

        assertThat(s.state()).isEqualTo(NOT_READY);
        assertThat(s.reason()).isEqualTo("paperwork");
        f.scheduler.advance(AcdFixture.SUPPORT_WRAP_UP);
        assertThat(f.state("agent1")).as("the wrap-up timer no longer applies").isEqualTo(NOT_READY);
    }

    @Test
    void stateTimesComeFromTheClockTruncatedToMillis() {
        f.loggedIn("agent1", "support");
        f.clock.advance(Duration.ofSeconds(5));

        AgentSnapshot s = f.acd.ready("agent1").orElseThrow();

        assertThat(s.since()).isEqualTo(f.clock.instant().truncatedTo(ChronoUnit.MILLIS));
        assertThat(f.lastAgentEvent("agent1").at()).isEqualTo(s.since());
    }

    // ---- refused: a clear answer, no change, no event ----

    @Test
    void readyIsRefusedWhileOnCall() {
        onCall("agent1", "c1");
        refused("agent1", () -> f.acd.ready("agent1"), NotAllowed.class, "agent1 cannot go READY while ON_CALL");
    }

    @Test
    void notReadyIsRefusedWhileReserved() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));
        refused("agent1", () -> f.acd.notReady("agent1", "break"), NotAllowed.class,
                "agent1 cannot go NOT_READY while RESERVED");
    }

    @Test
    void readyIsRefusedWhileReserved() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));
        refused("agent1", () -> f.acd.ready("agent1"), NotAllowed.class,
                "agent1 cannot go READY while RESERVED");
    }

    @Test
    void notReadyIsRefusedWhileOnCall() {
        onCall("agent1", "c1");
        refused("agent1", () -> f.acd.notReady("agent1", "break"), NotAllowed.class,
                "agent1 cannot go NOT_READY while ON_CALL");
    }

    @Test
    void logoutIsRefusedWhileReserved() {
        f.ready("agent1", "support");
        f.queued(call("c1", "support", 0));
        refused("agent1", () -> f.acd.logout("agent1"), NotAllowed.class,
                "agent1 cannot go LOGGED_OUT while RESERVED");
    }

    @Test
    void logoutIsRefusedWhileOnCallAndWhileWrappingUp() {
        onCall("agent1", "c1");
        refused("agent1", () -> f.acd.logout("agent1"), NotAllowed.class,
                "agent1 cannot go LOGGED_OUT while ON_CALL");
        f.hangUp("c1");
        refused("agent1", () -> f.acd.logout("agent1"), NotAllowed.class,
                "agent1 cannot go LOGGED_OUT while WRAP_UP");
    }

    @Test
    void readyIsRefusedWhileLoggedOut() {
        f.acd.register(new AgentProfile("agent1", "Agent One", Set.of("support"), "dev-agent1"));
        refused("agent1", () -> f.acd.ready("agent1"), NotAllowed.class, "agent1 cannot go READY while LOGGED_OUT");
    }

    @Test
    void readyIsRefusedWhileAlreadyReady() {
        f.ready("agent1", "support");
        refused("agent1", () -> f.acd.ready("agent1"), NotAllowed.class, "agent1 cannot go READY while READY");
    }

    @Test
    void readyIsRefusedWhenTheDeviceIsOffline() {
        f.loggedIn("agent1", "support");
        f.offlineDevices.add("dev-agent1");
        refused("agent1", () -> f.acd.ready("agent1"), DeviceUnavailable.class,
                "agent1 cannot go READY: device dev-agent1 is unavailable");
    }

    @Test
    void notReadyNeedsAReason() {
        f.ready("agent1", "support");
        refused("agent1", () -> f.acd.notReady("agent1", " "), ReasonRequired.class,
                "agent1 needs a reason to go NOT_READY");
        refused("agent1", () -> f.acd.notReady("agent1", null), ReasonRequired.class,
                "agent1 needs a reason to go NOT_READY");
    }

    @Test
    void finishWrapUpIsRefusedOutsideWrapUp() {
        f.loggedIn("agent1", "support");
        refused("agent1", () -> f.acd.finishWrapUp("agent1"), NotAllowed.class,
                "agent1 cannot finish wrap-up while NOT_READY");
    }

    @Test
    void finishWrapUpIsRefusedWhenTheDeviceIsOffline() {
        wrappingUp("agent1", "c1");
        f.offlineDevices.add("dev-agent1");
        refused("agent1", () -> f.acd.finishWrapUp("agent1"), DeviceUnavailable.class,
                "agent1 cannot go READY: device dev-agent1 is unavailable");
    }

    @Test
    void wrapUpTimerWithTheDeviceOfflineLeavesTheAgentNotReady() {
        wrappingUp("agent1", "c1");
        f.offlineDevices.add("dev-agent1");

        f.scheduler.advance(AcdFixture.SUPPORT_WRAP_UP);

        AgentSnapshot s = f.snapshot("agent1");
        assertThat(s.state()).isEqualTo(NOT_READY);
        assertThat(s.reason()).isEqualTo("device-unavailable");
    }

    @Test
    void unknownAgentsAreNotFound() {
        UnknownAgent ghost = new UnknownAgent("ghost");
        assertThat(f.acd.login("ghost")).isEqualTo(ghost);
        assertThat(ghost.message()).isEqualTo("unknown agent: ghost");
        assertThat(f.acd.ready("ghost")).isEqualTo(ghost);
        assertThat(f.acd.notReady("ghost", "x")).isEqualTo(ghost);
        assertThat(f.acd.notReady("ghost", null)).isEqualTo(ghost);
        assertThat(f.acd.finishWrapUp("ghost")).isEqualTo(ghost);
        assertThat(f.acd.logout("ghost")).isEqualTo(ghost);
        assertThat(f.acd.agent("ghost")).isEmpty();
        assertThat(f.events).isEmpty();
    }

    @Test
    void registrationNeedsAUsernameAndADevice() {
        assertThatThrownBy(() -> f.acd.register(new AgentProfile(" ", "x", Set.of(), "dev")))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("username");
        assertThatThrownBy(() -> f.acd.register(new AgentProfile("agent1", "x", Set.of(), null)))
                .isInstanceOf(ValidationException.class).extracting("field").isEqualTo("device");
        assertThat(f.acd.agents()).isEmpty();
    }

    // ---- helpers ----

    private void onCall(String agent, String callId) {
        f.ready(agent, "support");
        f.queued(call(callId, "support", 0));
        f.acd.answered(callId);
        assertThat(f.state(agent)).isEqualTo(ON_CALL);
    }

    private void wrappingUp(String agent, String callId) {
        onCall(agent, callId);
        f.hangUp(callId);
        assertThat(f.state(agent)).isEqualTo(WRAP_UP);
    }

    private void refused(String agent, Supplier<AgentMove> action, Class<? extends AgentMove> type, String message) {
        AgentSnapshot before = f.snapshot(agent);
        int mark = f.mark();
        AgentMove answer = action.get();
        assertThat(answer).isInstanceOf(type);
        assertThat(answer.message()).isEqualTo(message);
        assertThat(f.snapshot(agent)).isEqualTo(before);
        assertThat(f.since(mark)).isEmpty();
    }
}
