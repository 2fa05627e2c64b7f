package org.hotline.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.workflow.ActionOutcome;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.platform.ticket.workflow.ClockState;
import org.hotline.platform.ticket.workflow.ClockView;
import org.hotline.platform.ticket.workflow.HistoryEntry;
import org.hotline.platform.ticket.workflow.TicketView;
import org.junit.jupiter.api.Test;

/** The actions every ticket type has: notes and replies, departments, clock pauses, linking a call. */
class CommonActionsTest extends DeskTestSupport {

    @Test
    void anInternalNoteAndACustomerVisibleReplyAreHistoryLinesThatLeaveTheStatus() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);

        done(t.id(), agent, "comment", "text", "客户再次来电催促");
        TicketView v = done(t.id(), manager, "comment", "text", "您好，我们已安排专人处理。", "visibleToCustomer", true);

        assertThat(v.ticket().status()).isEqualTo(TicketStatus.NEW);
        List<HistoryEntry> comments = v.history().stream().filter(h -> h.action().equals("comment")).toList();
        assertThat(comments).extracting(HistoryEntry::comment).containsExactly("客户再次来电催促", "您好，我们已安排专人处理。");
        assertThat(comments).extracting(HistoryEntry::visibleToCustomer).containsExactly(false, true);
        assertThat(hooked).anyMatch(h -> h.visibleToCustomer() && h.comment().equals("您好，我们已安排专人处理。"));
        assertThat(act(t.id(), agent, "comment", "text", " ")).isEqualTo(new ActionOutcome.Invalid("text",
                "text is required"));
        assertThat(act(t.id(), agent, "comment", "text", "x", "visibleToCustomer", "yes"))
                .isEqualTo(new ActionOutcome.Invalid("visibleToCustomer", "visibleToCustomer must be true or false"));
    }

    @Test
    void departmentsAreAddedAndRemovedAndTheirMembersThenSeeTheTicket() {
        Ticket t = complaint(ComplaintClass.PRODUCT_QUALITY, Severity.NORMAL);
        assertThat(desk.view(t.id(), deptHandler)).isEmpty();

        TicketView added = done(t.id(), manager, "add-department", "department", department);
        assertThat(added.departments()).containsExactly(department);
        assertThat(added.history().getLast().fields()).containsEntry("departmentAdded", department);
        assertThat(desk.view(t.id(), deptHandler)).isPresent();
        assertThat(desk.worklist(deptManager, 200)).anySatisfy(r -> {
            assertThat(r.ticket().id()).isEqualTo(t.id());
            assertThat(r.why()).isEqualTo("YOUR_DEPARTMENT");
            assertThat(r.departments()).containsExactly(department);
        });

        TicketView removed = done(t.id(), manager, "remove-department", "department", department);
        assertThat(removed.departments()).isEmpty();
        assertThat(desk.view(t.id(), deptHandler)).isEmpty();
        assertThat(act(t.id(), manager, "add-department", "department", "NOPE"))
                .isEqualTo(new ActionOutcome.Invalid("department", "no department NOPE"));
        assertThat(act(t.id(), manager, "assign", "assignee", handler.username(), "departments", List.of("NOPE")))
                .isEqualTo(new ActionOutcome.Invalid("departments", "no department NOPE"));
    }

    @Test
    void aClockPausedWhileWaitingForTheCustomerResumesWithItsRemainingTime() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        done(t.id(), manager, "assign", "assignee", handler.username());

        ActionOutcome untyped = act(t.id(), handler, "pause-clock", "clock", "RESOLUTION", "reason", "lunch");
        TicketView paused = done(t.id(), handler, "pause-clock", "clock", "RESOLUTION", "reason",
                "WAITING_FOR_CUSTOMER");
        ClockView p = paused.clocks().stream().filter(c -> c.name() == ClockName.RESOLUTION).findFirst().orElseThrow();
        manual.advance(Duration.ofHours(2));
        TicketView resumed = done(t.id(), handler, "resume-clock", "clock", "RESOLUTION");

        assertThat(((ActionOutcome.Invalid) untyped).field()).isEqualTo("reason");
        assertThat(p.state()).isEqualTo(ClockState.PAUSED);
        assertThat(p.pauseReason()).isEqualTo("WAITING_FOR_CUSTOMER");
        assertThat(paused.history().getLast().fields()).containsEntry("clock", "RESOLUTION")
                .containsEntry("pauseReason", "WAITING_FOR_CUSTOMER");
        assertThat(clock(resumed, ClockName.RESOLUTION)).isEqualTo(ClockState.RUNNING);
        assertThat(act(t.id(), handler, "pause-clock", "clock", "NO_CLOCK", "reason", "WAITING_FOR_DEPARTMENT"))
                .isEqualTo(new ActionOutcome.Invalid("clock", "unknown clock: NO_CLOCK"));
    }

    @Test
    void aCallIsLinkedOnlyWhenItExists() {
        Ticket t = consultation();

        ActionOutcome unknown = act(t.id(), agent, "link-call", "callId", "no-such-call");

        assertThat(unknown).isEqualTo(new ActionOutcome.Invalid("callId", "no call no-such-call"));
        assertThat(view(t.id(), agent).ticket().callId()).isNull();
    }
}
