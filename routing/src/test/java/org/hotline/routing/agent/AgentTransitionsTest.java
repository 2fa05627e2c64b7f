package org.hotline.routing.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotline.platform.routing.AgentState.LOGGED_OUT;
import static org.hotline.platform.routing.AgentState.NOT_READY;
import static org.hotline.platform.routing.AgentState.ON_CALL;
import static org.hotline.platform.routing.AgentState.READY;
import static org.hotline.platform.routing.AgentState.RESERVED;
import static org.hotline.platform.routing.AgentState.WRAP_UP;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hotline.platform.error.ConflictException;
import org.hotline.platform.routing.AgentState;
import org.hotline.routing.agent.AgentTransitions.DeviceMove;
import org.hotline.routing.agent.AgentTransitions.DeviceSignal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.Optional;

/** The whole table: exactly the thirteen transitions of the brief are allowed, every other pair is refused. */
class AgentTransitionsTest {
    private static final Set<List<AgentState>> ALLOWED = Set.of(
            List.of(LOGGED_OUT, NOT_READY),
            List.of(NOT_READY, READY), List.of(NOT_READY, NOT_READY), List.of(NOT_READY, LOGGED_OUT),
            List.of(READY, RESERVED), List.of(READY, NOT_READY), List.of(READY, LOGGED_OUT),
            List.of(RESERVED, ON_CALL), List.of(RESERVED, NOT_READY), List.of(RESERVED, READY),
            List.of(ON_CALL, WRAP_UP),
            List.of(WRAP_UP, READY), List.of(WRAP_UP, NOT_READY));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (AgentState from : AgentState.values()) {
            for (AgentState to : AgentState.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void allowsExactlyTheTransitionsOfTheTable(AgentState from, AgentState to) {
        boolean expected = ALLOWED.contains(List.of(from, to));
        assertThat(AgentTransitions.allowed(from, to)).isEqualTo(expected);
        if (expected) {
            assertThatCode(() -> AgentTransitions.check("agent1", from, to)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> AgentTransitions.check("agent1", from, to))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("agent1 cannot go " + to + " while " + from);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void anAgentCanAskForEveryAllowedMoveExceptTheWayOutOfReserved(AgentState from, AgentState to) {
        boolean expected = ALLOWED.contains(List.of(from, to)) && from != RESERVED;
        assertThat(AgentTransitions.allowedOnRequest(from, to)).isEqualTo(expected);
    }

    static Stream<Arguments> everyDeviceCase() {
        List<Arguments> cases = new ArrayList<>();
        for (AgentState state : AgentState.values()) {
            for (String reason : new String[] {null, "device-unavailable", "break", "ring-no-answer", "login"}) {
                for (DeviceSignal signal : DeviceSignal.values()) {
                    cases.add(Arguments.of(state, reason, signal));
                }
            }
        }
        return cases.stream();
    }

    /**
     * The device table: a READY agent whose phone is unreachable goes NOT_READY device-unavailable, and only an agent
     * NOT_READY for that reason comes back READY when its phone is reachable; every other case makes no move.
     */
    @ParameterizedTest(name = "{0} ({1}) on {2}")
    @MethodSource("everyDeviceCase")
    void theSwitchsDeviceReportsMoveOnlyTheAgentsOfTheDeviceTable(AgentState state, String reason,
                                                                   DeviceSignal signal) {
        Optional<DeviceMove> move = AgentTransitions.onDevice(state, reason, signal);
        if (state == READY && signal == DeviceSignal.UNREACHABLE) {
            assertThat(move).hasValueSatisfying(m -> {
                assertThat(m.to()).isEqualTo(NOT_READY);
                assertThat(m.toReason()).isEqualTo("device-unavailable");
            });
        } else if (state == NOT_READY && "device-unavailable".equals(reason) && signal == DeviceSignal.REACHABLE) {
            assertThat(move).hasValueSatisfying(m -> {
                assertThat(m.to()).isEqualTo(READY);
                assertThat(m.toReason()).isNull();
            });
        } else {
            assertThat(move).isEmpty();
        }
        move.ifPresent(m -> assertThat(AgentTransitions.allowed(m.from(), m.to())).isTrue());
    }
}
