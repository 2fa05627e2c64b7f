package org.hotline.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.hotline.platform.intake.IntakeOutcome;
import org.hotline.platform.intake.WebComplaint;
import org.hotline.ticketing.intake.ComplaintFiler;
import org.hotline.ticketing.mail.IncomingMail;
import org.hotline.ticketing.mail.MailChannel;
import org.hotline.ticketing.mail.MailIntake;
import org.hotline.ticketing.mail.MailServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workflow's customer-visible reply reaches the customer of a web complaint by mail (GreenMail's SMTP), and an
 * internal note does not: the mail channel's hook runs inside the desk's action, the outbox sends it. A web
 * complaint needs no class at creation; the complaint manager classifies it.
 */
class CustomerReplyByMailTest extends DeskTestSupport {
    private MailServer server;
    private MailChannel channel;

    @BeforeAll
    void startMail() {
        server = new MailServer();
        channel = new MailChannel(server.settings(), db, ticketing.complaintFiler(), manual);
        desk.addHook(channel.hook());
    }

    @AfterAll
    void stopMail() {
        channel.close();
        server.close();
    }

    @Test
    void aComplaintManagerRepliesToAWebComplaintAndTheCustomerGetsTheMail() throws Exception {
        IntakeOutcome filed = ticketing.intake().submit(new WebComplaint("王女士", "13900002222",
                MailServer.CUSTOMER, "维修后仍无法开机。", null, null));
        long id = ((IntakeOutcome.Filed) filed).ticketId();

        done(id, manager, "classify", "complaintClass", "PRODUCT_QUALITY");
        done(id, manager, "comment", "text", "内部：先查维修记录。", "visibleToCustomer", false);
        done(id, manager, "comment", "text", "您好，我们已安排专人复检，明天联系您。", "visibleToCustomer", true);
        assertThat(channel.sendNow()).isEqualTo(1);

        List<MimeMessage> got = server.receivedBy(MailServer.CUSTOMER);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).getSubject()).contains("[" + filed.number() + "]");
        assertThat(String.valueOf(got.get(0).getContent())).contains("我们已安排专人复检").doesNotContain("先查维修记录");
    }

    @Test
    void theComplaintManagersHearOfAWebComplaintAndTheHandlerOfTheCustomersAnswer() {
        IntakeOutcome filed = ticketing.intake().submit(new WebComplaint("李先生", "13900003333",
                "li@example.org", "上门服务迟到两小时。", null, null));
        long id = ((IntakeOutcome.Filed) filed).ticketId();
        done(id, manager, "classify", "complaintClass", "SERVICE_QUALITY");
        done(id, manager, "assign", "assignee", handler.username());
        MailIntake intake = new MailIntake(db, ticketing.complaintFiler(), manual, MailServer.HOTLINE);

        MailIntake.Outcome outcome = intake.receive(new IncomingMail("<answer-1@example.org>", "li@example.org",
                "李先生", "Re: [" + filed.number() + "] 您的投诉已受理", "师傅今天又没来。", false));

        assertThat(outcome).isEqualTo(MailIntake.Outcome.THREADED);
        assertThat(notificationsOf(manager.username(), id)).contains(ComplaintFiler.WEB_COMPLAINT);
        assertThat(notificationsOf(handler.username(), id)).contains(ComplaintFiler.CUSTOMER_MESSAGE);
        assertThat(view(id, handler).history()).anySatisfy(h -> {
            assertThat(h.action()).isEqualTo("customer-message");
            assertThat(h.comment()).isEqualTo("师傅今天又没来。");
        });
    }
}
