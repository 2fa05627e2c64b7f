package org.hotline.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.CustomerInformedVia;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.workflow.ActionOutcome;
import org.hotline.platform.ticket.workflow.ClockName;
import org.hotline.platform.ticket.workflow.ClockState;
import org.hotline.platform.ticket.workflow.HistoryEntry;
import org.hotline.platform.ticket.workflow.TicketView;
import org.junit.jupiter.api.Test;

/** W2 through the database: classify, assign with departments, work, escalate, resolve with the customer told. */
class ComplaintWorkflowTest extends DeskTestSupport {

    @Test
    void aNewComplaintIsNewWithItsClocksRunningAndACreateLine() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, null);

        TicketView v = view(t.id(), manager);
        assertThat(v.ticket().status()).isEqualTo(TicketStatus.NEW);
        assertThat(v.ticket().severity()).isEqualTo(Severity.NORMAL);
        assertThat(clock(v, ClockName.FIRST_RESPONSE)).isEqualTo(ClockState.RUNNING);
        assertThat(clock(v, ClockName.RESOLUTION)).isEqualTo(ClockState.RUNNING);
        assertThat(clock(v, ClockName.STAGNATION)).isEqualTo(ClockState.RUNNING);
        assertThat(v.history()).singleElement().satisfies(h -> {
            assertThat(h.action()).isEqualTo("create");
            assertThat(h.toStatus()).isEqualTo("NEW");
            assertThat(h.fields()).containsEntry("complaintClass", "SERVICE_QUALITY");
        });
        assertThat(actions(v)).contains("assign", "classify", "comment").doesNotContain("close-with-guidance");
        assertThat(published).anyMatch(e -> e.ticketId() == t.id() && e.action().equals("create"));
    }

    @Test
    void aComplaintManagerAssignsAHandlerAndTheDepartmentsWhoIsNotified() {
        Ticket t = complaint(ComplaintClass.PRODUCT_QUALITY, Severity.NORMAL);

        TicketView v = done(t.id(), manager, "assign", "assignee", handler.username(), "departments",
                List.of(department));

        assertThat(v.ticket().status()).isEqualTo(TicketStatus.ASSIGNED);
        assertThat(v.ticket().assignee()).isEqualTo(handler.username());
        assertThat(v.departments()).containsExactly(department);
        assertThat(v.version()).isEqualTo(t.version() + 1);
        HistoryEntry last = v.history().getLast();
        assertThat(last.actor()).isEqualTo(manager.username());
        assertThat(last.fromStatus()).isEqualTo("NEW");
        assertThat(last.toStatus()).isEqualTo("ASSIGNED");
        assertThat(last.fields()).containsEntry("assignee", handler.username()).containsEntry("departments",
                department);
        assertThat(notificationsOf(handler.username(), t.id())).containsExactly("ticket.assigned");
        assertThat(hooked).anyMatch(h -> h.id() == last.id());
        assertThat(published).anySatisfy(e -> {
            assertThat(e.ticketId()).isEqualTo(t.id());
            assertThat(e.action()).isEqualTo("assign");
            assertThat(e.fromStatus()).isEqualTo("NEW");
            assertThat(e.toStatus()).isEqualTo("ASSIGNED");
            assertThat(e.version()).isEqualTo(v.version());
            assertThat(e.actor()).isEqualTo(manager.username());
        });
    }

    @Test
    void theHandlerWorksEscalatesAndResolvesWithTheCustomerToldThenTheManagerCloses() {
        Ticket t = complaint(ComplaintClass.SYSTEM_FAULT, Severity.NORMAL);
        done(t.id(), manager, "assign", "assignee", handler.username());

        TicketView started = done(t.id(), handler, "start");
        assertThat(started.ticket().status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(clock(started, ClockName.FIRST_RESPONSE)).isEqualTo(ClockState.MET);

        TicketView level1 = done(t.id(), handler, "escalate", "reason", "需要中心负责人协调");
        assertThat(level1.ticket().status()).isEqualTo(TicketStatus.ESCALATED);
        assertThat(level1.ticket().escalationLevel()).isEqualTo(1);
        assertThat(clock(level1, ClockName.ESCALATION_1)).isEqualTo(ClockState.RUNNING);
        assertThat(level1.history().getLast().comment()).isEqualTo("需要中心负责人协调");
        assertThat(notificationsOf(centreHead.username(), t.id())).contains("ticket.escalated");

        TicketView level2 = done(t.id(), centreHead, "escalate", "reason", "超出权限，报副总裁");
        assertThat(level2.ticket().escalationLevel()).isEqualTo(2);
        assertThat(clock(level2, ClockName.ESCALATION_1)).isEqualTo(ClockState.MET);
        assertThat(clock(level2, ClockName.ESCALATION_2)).isEqualTo(ClockState.RUNNING);
        assertThat(actions(view(t.id(), centreHead))).doesNotContain("escalate");
        assertThat(act(t.id(), centreHead, "escalate")).isInstanceOf(ActionOutcome.NotAllowedNow.class);

        manual.advance(Duration.ofMinutes(5));
        String toldAt = now().minus(Duration.ofMinutes(1)).toString();
        TicketView resolved = done(t.id(), handler, "resolve", "resolution", "已更换主板并电话回访", "customerInformedVia",
                "PHONE", "customerInformedAt", toldAt);
        assertThat(resolved.ticket().status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(resolved.ticket().resolution()).isEqualTo("已更换主板并电话回访");
        assertThat(resolved.ticket().customerInformedVia()).isEqualTo(CustomerInformedVia.PHONE);
        assertThat(resolved.ticket().customerInformedAt()).isEqualTo(toldAt);
        assertThat(resolved.clocks()).allSatisfy(c -> assertThat(c.state()).isIn(ClockState.MET,
                ClockState.BREACHED));

        TicketView closed = done(t.id(), manager, "close");
        assertThat(closed.ticket().status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(closed.ticket().closedAt()).isEqualTo(now());
        assertThat(closed.history()).extracting(HistoryEntry::action)
                .containsExactly("create", "assign", "start", "escalate", "escalate", "resolve", "close");
    }

    @Test
    void resolvingAComplaintNeedsHowAndWhenTheCustomerWasTold() {
        Ticket t = inProgress();

        ActionOutcome noVia = act(t.id(), handler, "resolve", "resolution", "已处理", "customerInformedAt",
                now().toString());
        ActionOutcome badVia = act(t.id(), handler, "resolve", "resolution", "已处理", "customerInformedVia", "FAX",
                "customerInformedAt", now().toString());
        ActionOutcome future = act(t.id(), handler, "resolve", "resolution", "已处理", "customerInformedVia", "SMS",
                "customerInformedAt", now().plusSeconds(3600).toString());

        assertThat(noVia).isEqualTo(new ActionOutcome.Invalid("customerInformedVia", "customerInformedVia is required"));
        assertThat(((ActionOutcome.Invalid) badVia).field()).isEqualTo("customerInformedVia");
        assertThat(((ActionOutcome.Invalid) future).field()).isEqualTo("customerInformedAt");
        assertThat(view(t.id(), handler).ticket().status()).isEqualTo(TicketStatus.IN_PROGRESS);
    }

    @Test
    void aMisuseComplaintClosesWithGuidanceFromNewOrAssignedAndOthersCannot() {
        Ticket misuse = complaint(ComplaintClass.MISUSE, Severity.NORMAL);
        Ticket assignedMisuse = complaint(ComplaintClass.MISUSE, Severity.NORMAL);
        done(assignedMisuse.id(), manager, "assign", "assignee", handler.username());
        Ticket quality = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);

        TicketView closed = done(misuse.id(), manager, "close-with-guidance", "guidance", "已指导客户正确充电");
        TicketView closedByHandler = done(assignedMisuse.id(), handler, "close-with-guidance", "guidance",
                "已告知客户勿自行拆机");

        assertThat(closed.ticket().status()).isEqualTo(TicketStatus.CLOSED_WITH_GUIDANCE);
        assertThat(closed.ticket().guidance()).isEqualTo("已指导客户正确充电");
        assertThat(closed.ticket().closedAt()).isNotNull();
        assertThat(closedByHandler.ticket().status()).isEqualTo(TicketStatus.CLOSED_WITH_GUIDANCE);
        assertThat(act(quality.id(), manager, "close-with-guidance", "guidance", "x"))
                .isEqualTo(new ActionOutcome.NotAllowedNow("NEW", "close-with-guidance"));
        assertThat(actions(closed)).containsExactlyInAnyOrder("comment", "link-call");
    }

    @Test
    void aReopenedComplaintGoesBackToTheComplaintManager() {
        Ticket t = inProgress();
        done(t.id(), handler, "resolve", "resolution", "已退款", "customerInformedVia", "SMS", "customerInformedAt",
                now().toString());
        done(t.id(), manager, "close");

        TicketView reopened = done(t.id(), agent, "reopen", "reason", "客户对结果不满意");

        assertThat(reopened.ticket().status()).isEqualTo(TicketStatus.REOPENED);
        assertThat(reopened.ticket().closedAt()).isNull();
        assertThat(reopened.history().getLast().comment()).isEqualTo("客户对结果不满意");
        assertThat(clock(reopened, ClockName.RESOLUTION)).isEqualTo(ClockState.RUNNING);
        assertThat(notificationsOf(manager.username(), t.id())).contains("ticket.reopened");
        assertThat(desk.worklist(manager, 100)).anySatisfy(r -> {
            assertThat(r.ticket().id()).isEqualTo(t.id());
            assertThat(r.why()).isEqualTo("YOUR_ROLE");
        });
        TicketView again = done(t.id(), manager, "assign", "assignee", deptHandler.username());
        assertThat(again.ticket().status()).isEqualTo(TicketStatus.ASSIGNED);
    }

    @Test
    void aMajorComplaintIsReportedToTheCentreHeadAtOnceWhenCreatedOrClassifiedMajor() {
        Ticket major = complaint(ComplaintClass.PRODUCT_QUALITY, Severity.MAJOR);
        Ticket normal = complaint(ComplaintClass.PRODUCT_QUALITY, Severity.NORMAL);

        assertThat(notificationsOf(centreHead.username(), major.id())).containsExactly("complaint.major!");
        assertThat(notificationsOf(centreHead.username(), normal.id())).isEmpty();

        TicketView classified = done(normal.id(), manager, "classify", "severity", "MAJOR");
        assertThat(classified.ticket().severity()).isEqualTo(Severity.MAJOR);
        assertThat(classified.history().getLast().fields()).containsEntry("severity", "MAJOR");
        assertThat(notificationsOf(centreHead.username(), normal.id())).containsExactly("complaint.major!");
        assertThat(act(normal.id(), manager, "classify")).isInstanceOf(ActionOutcome.Invalid.class);
    }

    @Test
    void theSystemEscalatesAStalledComplaintFromTheLadder() {
        Ticket t = inProgress();

        boolean escalated = db.inTransaction(tx -> desk.escalate(tx, t.id(), "超过处理时限", now()));
        boolean closedMeanwhile = db.inTransaction(tx -> desk.escalate(tx, complaint(ComplaintClass.MISUSE,
                Severity.NORMAL).id(), "x", now()));

        TicketView v = view(t.id(), centreHead);
        assertThat(escalated).isTrue();
        assertThat(closedMeanwhile).as("a NEW complaint cannot be escalated").isFalse();
        assertThat(v.ticket().status()).isEqualTo(TicketStatus.ESCALATED);
        assertThat(v.history().getLast().actor()).isEqualTo(DbTicketDesk.SYSTEM);
        assertThat(v.history().getLast().comment()).isEqualTo("超过处理时限");
    }

    private Ticket inProgress() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        done(t.id(), manager, "assign", "assignee", handler.username());
        done(t.id(), handler, "start");
        return t;
    }
}
