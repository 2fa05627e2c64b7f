package org.hotline.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.workflow.ActionOutcome;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.platform.ticket.workflow.ClockState;
import org.hotline.platform.ticket.workflow.HistoryEntry;
import org.hotline.platform.ticket.workflow.TicketView;
import org.junit.jupiter.api.Test;

/** W1.5–W1.7 through the database: answered on the phone, or handed off to an engineer within 15 minutes. */
class ConsultationAndRepairWorkflowTest extends DeskTestSupport {

    @Test
    void aConsultationAnsweredOnThePhoneIsResolvedAndClosedByTheAgent() {
        Ticket t = consultation();

        TicketView resolved = done(t.id(), agent, "resolve", "resolution", "已电话指导升级");
        TicketView closed = done(t.id(), agent, "close");

        assertThat(resolved.ticket().status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(clock(resolved, ClockName.RESOLUTION)).isEqualTo(ClockState.MET);
        assertThat(closed.ticket().status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(closed.history()).extracting(HistoryEntry::action).containsExactly("create", "resolve", "close");
    }

    @Test
    void aHandedOffConsultationWaitsForACoordinatorWhoPicksAnEngineerWhoResolvesIt() {
        Ticket t = consultation();

        TicketView handedOff = done(t.id(), agent, "hand-off", "comment", "客户需要专业工程师回电");
        assertThat(handedOff.ticket().status()).isEqualTo(TicketStatus.HANDED_OFF);
        assertThat(clock(handedOff, ClockName.HAND_OFF)).isEqualTo(ClockState.RUNNING);
        assertThat(handedOff.history().getLast().comment()).isEqualTo("客户需要专业工程师回电");
        assertThat(notificationsOf(coordinator.username(), t.id())).containsExactly("ticket.handed-off!");
        assertThat(desk.worklist(coordinator, 200)).anySatisfy(r -> {
            assertThat(r.ticket().id()).isEqualTo(t.id());
            assertThat(r.why()).isEqualTo("YOUR_ROLE");
            assertThat(r.nextClock()).isEqualTo(ClockName.HAND_OFF);
        });

        TicketView assigned = done(t.id(), coordinator, "assign", "assignee", engineer.username());
        assertThat(assigned.ticket().status()).isEqualTo(TicketStatus.ASSIGNED);
        assertThat(clock(assigned, ClockName.HAND_OFF)).isEqualTo(ClockState.MET);
        assertThat(clock(assigned, ClockName.FIRST_RESPONSE)).isEqualTo(ClockState.RUNNING);
        assertThat(desk.worklist(engineer, 200)).anySatisfy(r -> {
            assertThat(r.ticket().id()).isEqualTo(t.id());
            assertThat(r.why()).isEqualTo("ASSIGNED_TO_YOU");
        });

        TicketView started = done(t.id(), engineer, "start");
        TicketView resolved = done(t.id(), engineer, "resolve", "resolution", "远程协助完成升级");
        TicketView closed = done(t.id(), engineer, "close");
        assertThat(started.ticket().status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(resolved.ticket().status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(closed.ticket().status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void aConsultationIsAssignedToAnEngineerOnlyNotToAComplaintHandler() {
        Ticket t = consultation();
        done(t.id(), agent, "hand-off");

        ActionOutcome wrong = act(t.id(), coordinator, "assign", "assignee", handler.username());
        ActionOutcome nobody = act(t.id(), coordinator, "assign", "assignee", "no-such-user");

        assertThat(((ActionOutcome.Invalid) wrong).field()).isEqualTo("assignee");
        assertThat(((ActionOutcome.Invalid) wrong).message()).contains("ENGINEER");
        assertThat(((ActionOutcome.Invalid) nobody).message()).isEqualTo("no user no-such-user");
    }

    @Test
    void aRepairIsDispatchedToAnEngineerWhoResolvesItAndTheAgentCloses() {
        Ticket t = repair();
        assertThat(t.productModel()).isEqualTo("华为 Mate 60");

        TicketView assigned = done(t.id(), agent, "assign", "assignee", engineer.username(), "departments",
                java.util.List.of(department));
        TicketView started = done(t.id(), engineer, "start");
        TicketView resolved = done(t.id(), engineer, "resolve", "resolution", "更换电池");
        TicketView closed = done(t.id(), agent, "close");

        assertThat(assigned.ticket().status()).isEqualTo(TicketStatus.ASSIGNED);
        assertThat(assigned.departments()).containsExactly(department);
        assertThat(started.ticket().status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(resolved.ticket().resolution()).isEqualTo("更换电池");
        assertThat(closed.ticket().status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(act(t.id(), agent, "reopen", "reason", "x"))
                .isEqualTo(new ActionOutcome.NotAllowedNow("CLOSED", "reopen"));
    }

    @Test
    void aRepairCanBeResolvedStraightFromNewAndAnAssignedOneReassigned() {
        Ticket quick = repair();
        Ticket moved = repair();
        org.hotline.platform.user.User second = user("eng2", org.hotline.platform.user.Role.ENGINEER);
        done(moved.id(), supervisor, "assign", "assignee", engineer.username());

        TicketView resolved = done(quick.id(), agent, "resolve", "resolution", "电话指导重启后恢复");
        TicketView reassigned = done(moved.id(), supervisor, "assign", "assignee", second.username());
        TicketView resolvedAssigned = done(moved.id(), second, "resolve", "resolution", "寄修完成");

        assertThat(resolved.ticket().status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(reassigned.ticket().assignee()).isEqualTo(second.username());
        assertThat(reassigned.history().getLast().fields()).containsEntry("assignee", second.username());
        assertThat(resolvedAssigned.ticket().status()).isEqualTo(TicketStatus.RESOLVED);
    }
}
