package org.hotline.ticketing.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.ticketing.clock.SlaPolicies.Action;
import org.hotline.ticketing.clock.SlaPolicies.Basis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The shipped policy table, one row per case: which target a ticket's clock gets. */
class SlaPoliciesTest {
    private static final SlaPolicies POLICIES = SlaPolicies.standard();

    static Stream<Arguments> targets() {
        return Stream.of(
                //        type                      severity         priority               customer             clock                     policy                  target        basis
                Arguments.of(TicketType.CONSULTATION, null, TicketPriority.NORMAL, null, ClockName.HAND_OFF, "hand-off@1", "15m", Basis.WALL),
                Arguments.of(TicketType.COMPLAINT, Severity.MAJOR, TicketPriority.NORMAL, CustomerClass.VIP, ClockName.FIRST_RESPONSE, "complaint-major@1", "1h", Basis.BUSINESS),
                Arguments.of(TicketType.COMPLAINT, Severity.NORMAL, TicketPriority.NORMAL, CustomerClass.VIP, ClockName.FIRST_RESPONSE, "complaint-vip@1", "2h", Basis.BUSINESS),
                Arguments.of(TicketType.COMPLAINT, Severity.NORMAL, TicketPriority.URGENT, CustomerClass.ORDINARY, ClockName.FIRST_RESPONSE, "urgent@1", "2h", Basis.BUSINESS),
                Arguments.of(TicketType.REPAIR, null, TicketPriority.URGENT, null, ClockName.FIRST_RESPONSE, "urgent@1", "2h", Basis.BUSINESS),
                Arguments.of(TicketType.REPAIR, null, TicketPriority.NORMAL, CustomerClass.VIP, ClockName.FIRST_RESPONSE, "vip@1", "4h", Basis.BUSINESS),
                Arguments.of(TicketType.CONSULTATION, null, TicketPriority.LOW, null, ClockName.FIRST_RESPONSE, "standard@1", "9h", Basis.BUSINESS),
                Arguments.of(TicketType.COMPLAINT, Severity.MAJOR, TicketPriority.NORMAL, null, ClockName.RESOLUTION, "complaint-major@1", "9h", Basis.BUSINESS),
                Arguments.of(TicketType.COMPLAINT, Severity.NORMAL, TicketPriority.NORMAL, CustomerClass.VIP, ClockName.RESOLUTION, "complaint-vip@1", "18h", Basis.BUSINESS),
                Arguments.of(TicketType.COMPLAINT, Severity.NORMAL, TicketPriority.NORMAL, null, ClockName.RESOLUTION, "complaint@1", "27h", Basis.BUSINESS),
                Arguments.of(TicketType.REPAIR, null, TicketPriority.URGENT, null, ClockName.RESOLUTION, "urgent@1", "9h", Basis.BUSINESS),
                Arguments.of(TicketType.REPAIR, null, TicketPriority.HIGH, null, ClockName.RESOLUTION, "repair@1", "45h", Basis.BUSINESS),
                Arguments.of(TicketType.COMPLAINT, Severity.NORMAL, TicketPriority.NORMAL, null, ClockName.FIRST_RESPONSE, "complaint@1", "4h", Basis.BUSINESS),
                Arguments.of(TicketType.CONSULTATION, null, TicketPriority.URGENT, null, ClockName.RESOLUTION, "urgent@1", "9h", Basis.BUSINESS),
                Arguments.of(TicketType.CONSULTATION, null, TicketPriority.NORMAL, null, ClockName.RESOLUTION, "standard@1", "18h", Basis.BUSINESS),
                Arguments.of(TicketType.COMPLAINT, Severity.MAJOR, TicketPriority.NORMAL, null, ClockName.STAGNATION, "complaint-major@1", "2h", Basis.BUSINESS),
                Arguments.of(TicketType.COMPLAINT, Severity.NORMAL, TicketPriority.NORMAL, null, ClockName.STAGNATION, "complaint@1", "4h", Basis.BUSINESS),
                Arguments.of(TicketType.REPAIR, null, TicketPriority.NORMAL, null, ClockName.STAGNATION, "standard@1", "8h", Basis.BUSINESS),
                Arguments.of(TicketType.COMPLAINT, Severity.MAJOR, TicketPriority.NORMAL, null, ClockName.ESCALATION_1, "complaint-major@1", "4h", Basis.BUSINESS),
                Arguments.of(TicketType.COMPLAINT, Severity.NORMAL, TicketPriority.NORMAL, null, ClockName.ESCALATION_1, "standard@1", "9h", Basis.BUSINESS),
                Arguments.of(TicketType.COMPLAINT, Severity.MAJOR, TicketPriority.NORMAL, null, ClockName.ESCALATION_2, "complaint-major@1", "9h", Basis.BUSINESS),
                Arguments.of(TicketType.COMPLAINT, Severity.NORMAL, TicketPriority.NORMAL, null, ClockName.ESCALATION_2, "standard@1", "18h", Basis.BUSINESS));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}: {4} -> {5} {6} {7}")
    @MethodSource("targets")
    void aTicketsClockGetsTheFirstMatchingTarget(TicketType type, Severity severity, TicketPriority priority,
                                                CustomerClass customer, ClockName clock, String policy,
                                                String target, Basis basis) {
        ClockSubject subject = new ClockSubject(1, "T1", type,
                type == TicketType.COMPLAINT ? ComplaintClass.PRODUCT_QUALITY : null, severity, priority, customer,
                List.of(), null);
        SlaPolicies.Target t = POLICIES.target(subject, clock);
        assertThat(t.policy()).isEqualTo(policy);
        assertThat(t.duration()).isEqualTo(SlaPolicies.duration(target));
        assertThat(t.basis()).isEqualTo(basis);
    }

    @Test
    void theResolutionLadderWarnsThirtyMinutesBeforeEscalatesAtTheDeadlineAndTellsTheCentreHeadTwoHoursAfter() {
        assertThat(POLICIES.ladder(ClockName.RESOLUTION)).containsExactly(
                new SlaPolicies.Step(0, Duration.ofMinutes(-30), Action.WARN, "ASSIGNEE"),
                new SlaPolicies.Step(1, Duration.ZERO, Action.ESCALATE, "DEPARTMENT_MANAGERS"),
                new SlaPolicies.Step(2, Duration.ofHours(2), Action.NOTIFY, "ROLE:CENTRE_HEAD"));
    }

    @Test
    void aBadPolicyFileFailsNamingTheLine() {
        assertThatThrownBy(() -> SlaPolicies.parse("version 1\ntarget x HAND_OFF * * * * * 15 WALL\n"))
                .hasMessageContaining("line 2").hasMessageContaining("bad duration 15");
        assertThatThrownBy(() -> SlaPolicies.parse("version 1\nladder RESOLUTION 0 WARN ROLE:KING\n"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> SlaPolicies.parse("version 2\ntarget x HAND_OFF * * * * * 15m WALL\n"))
                .hasMessageContaining("catch-all target for FIRST_RESPONSE");
        assertThatThrownBy(() -> SlaPolicies.parse("target x HAND_OFF * * * * * 15m WALL\n"))
                .hasMessageContaining("version");
    }
}
