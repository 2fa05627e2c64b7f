package org.hotline.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.hotline.platform.intake.IntakeOutcome;
import org.hotline.platform.intake.WebComplaint;
import org.hotline.platform.ticket.Channel;
import org.hotline.platform.ticket.ComplaintClass;
import org.hotline.platform.ticket.Contact;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketStatus;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.ActionOutcome;
import org.hotline.platform.ticket.workflow.HistoryEntry;
import org.hotline.platform.ticket.workflow.TicketFilter;
import org.hotline.platform.ticket.workflow.TicketView;
import org.hotline.ticketing.clock.ClockScheduler;
import org.hotline.ticketing.mail.IncomingMail;
import org.hotline.ticketing.mail.MailIntake;
import org.junit.jupiter.api.Test;

/**
 * The steps the system takes on a ticket behave like a user's: a customer's mail answer and the scheduler's
 * escalation bump the version, count for the clocks and are published (only) after their transaction commits, so
 * that open consoles refresh. Also what a ticket's page shows of its customer, and an action nobody knows.
 */
class SystemStepsTest extends DeskTestSupport {

    @Test
    void aTicketShowsTheNameOfItsCustomerAndNoneWithoutOne() {
        Ticket known = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        Ticket anonymous = ticketing.tickets().create(new NewTicket(TicketType.COMPLAINT, "服务态度",
                TicketPriority.NORMAL, null, null, null, ServiceMode.PHONE, "匿名来电投诉。",
                ComplaintClass.SERVICE_QUALITY, Severity.NORMAL, Channel.PHONE, new Contact("张先生", "13700005555", null)),
                agent.username());

        assertThat(view(known.id(), manager).customerName()).isEqualTo("王小明");
        assertThat(view(anonymous.id(), manager).customerName()).isNull();
        assertThat(view(anonymous.id(), manager).ticket().contactName()).isEqualTo("张先生");
    }

    @Test
    void aCustomersMailAnswerBumpsTheVersionEndsTheStallAndIsPublishedAfterTheCommit() {
        IntakeOutcome filed = ticketing.intake().submit(new WebComplaint("赵女士", "13900004444",
                "zhao@example.org", "换屏后触摸失灵。", null, null));
        long id = ((IntakeOutcome.Filed) filed).ticketId();
        done(id, manager, "classify", "complaintClass", "PRODUCT_QUALITY");
        done(id, manager, "assign", "assignee", handler.username(), "departments", List.of(department));
        manual.advance(Duration.ofDays(30));
        TicketFilter stalled = new TicketFilter(null, Set.of(), null, department, false, true, null, null, 100, 0);
        assertThat(ids(desk.search(stalled, deptManager))).contains(id);
        long before = version(id);
        published.clear();

        MailIntake.Outcome outcome = new MailIntake(db, ticketing.complaintFiler(), manual, "hotline@example.org")
                .receive(new IncomingMail("<again-1@example.org>", "zhao@example.org", "赵女士",
                        "Re: [" + filed.number() + "] 您的投诉已受理", "今天还是不行。", false));

        assertThat(outcome).isEqualTo(MailIntake.Outcome.THREADED);
        assertThat(version(id)).isEqualTo(before + 1);
        assertThat(ids(desk.search(stalled, deptManager))).as("the customer's message is activity")
                .doesNotContain(id);
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.ticketId()).isEqualTo(id);
            assertThat(e.action()).isEqualTo("customer-message");
            assertThat(e.version()).isEqualTo(before + 1);
        });
        HistoryEntry line = view(id, handler).history().getLast();
        assertThat(line.action()).isEqualTo("customer-message");
        assertThat(line.actor()).startsWith("mail#");
        assertThat(line.comment()).isEqualTo("今天还是不行。");
        assertThat(line.fields()).containsEntry("from", "zhao@example.org");
        assertThat(line.visibleToCustomer()).as("not mailed back to its sender").isFalse();
        assertThat(notificationsOf(handler.username(), id)).contains("intake.customerMessage");
    }

    @Test
    void noUserIsOfferedOrMayTakeTheCustomerMessageStep() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        String before = snapshot(t.id());

        for (var who : List.of(agent, manager, supervisor, centreHead)) {
            assertThat(actions(view(t.id(), who))).doesNotContain("customer-message");
            assertThat(act(t.id(), who, "customer-message", "text", "我是客户")).isInstanceOf(
                    ActionOutcome.Forbidden.class);
        }
        assertThat(snapshot(t.id())).isEqualTo(before);
    }

    @Test
    void anActionNoWorkflowKnowsIsUnknownNotMerelyNotAllowedNow() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        String before = snapshot(t.id());

        assertThat(act(t.id(), manager, "teleport")).isEqualTo(new ActionOutcome.UnknownAction("teleport"));
        assertThat(act(t.id(), manager, "close")).isEqualTo(new ActionOutcome.NotAllowedNow("NEW", "close"));
        assertThat(snapshot(t.id())).isEqualTo(before);
    }

    @Test
    void theSchedulersEscalationIsPublishedOnceItsTransactionCommitted() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        done(t.id(), manager, "assign", "assignee", handler.username(), "departments", List.of(department));
        done(t.id(), handler, "start");
        long before = version(t.id());
        published.clear();
        manual.advance(Duration.ofDays(30));

        ClockScheduler scheduler = ticketing.clockScheduler(ticketing.notificationWriter(), desk,
                ClockScheduler.Settings.defaults("node-steps"));
        scheduler.runOnce(manual.instant());

        TicketView after = view(t.id(), manager);
        assertThat(after.ticket().status()).isEqualTo(TicketStatus.ESCALATED);
        assertThat(published).filteredOn(e -> e.ticketId() == t.id()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("escalate");
            assertThat(e.actor()).isEqualTo(DbTicketDesk.SYSTEM);
            assertThat(e.toStatus()).isEqualTo("ESCALATED");
            assertThat(e.version()).isEqualTo(after.version()).isGreaterThan(before);
        });
    }

    @Test
    void anEscalationWhoseTransactionRollsBackIsNeitherWrittenNorPublished() {
        Ticket t = complaint(ComplaintClass.SERVICE_QUALITY, Severity.NORMAL);
        done(t.id(), manager, "assign", "assignee", handler.username());
        done(t.id(), handler, "start");
        String before = snapshot(t.id());
        published.clear();

        assertThatThrownBy(() -> db.inTransaction(tx -> {
            assertThat(desk.escalate(tx, t.id(), "test", manual.instant())).isTrue();
            assertThat(published).as("not before the commit").isEmpty();
            throw new IllegalStateException("the scheduler's transaction fails later");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(published).isEmpty();
        assertThat(snapshot(t.id())).isEqualTo(before);
    }

    private static List<Long> ids(org.hotline.platform.ticket.workflow.TicketPage page) {
        return page.rows().stream().map(r -> r.ticket().id()).toList();
    }
}
