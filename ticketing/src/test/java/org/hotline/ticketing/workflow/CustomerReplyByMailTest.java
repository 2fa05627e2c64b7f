package org.hotline.ticketing.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.hotline.platform.intake.IntakeOutcome;
import org.hotline.platform.intake.WebComplaint;
import org.hotline.ticketing.mail.MailChannel;
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
}
