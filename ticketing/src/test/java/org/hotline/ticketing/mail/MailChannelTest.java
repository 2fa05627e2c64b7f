package org.hotline.ticketing.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.hotline.platform.customer.Customer;
import org.hotline.platform.customer.CustomerClass;
import org.hotline.platform.ticket.Channel;
import org.hotline.platform.ticket.Contact;
import org.hotline.platform.ticket.NewTicket;
import org.hotline.platform.ticket.ServiceMode;
import org.hotline.platform.ticket.Severity;
import org.hotline.platform.ticket.Ticket;
import org.hotline.platform.ticket.TicketPriority;
import org.hotline.platform.ticket.TicketType;
import org.hotline.platform.ticket.workflow.HistoryEntry;
import org.hotline.ticketing.DatabaseTestSupport;
import org.hotline.ticketing.Ticketing;
import org.hotline.ticketing.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The email channel against a real in-process mail server (GreenMail's IMAP and SMTP on loopback): a new mail
 * becomes an EMAIL complaint and its sender gets the number back; an answer with the number in the subject is
 * threaded to the ticket; a mail read twice makes one ticket, also after a crash between the ticket and its
 * bookkeeping; HTML is stripped and long text capped; a robot gets no auto-reply; a customer-visible reply is mailed
 * and waits out an SMTP outage. The tests drive the poll and send passes themselves, with a manual clock.
 */
class MailChannelTest extends DatabaseTestSupport {
    private ManualClock manual;
    private Ticketing ticketing;
    private MailServer server;
    private MailChannel channel;

    @BeforeEach
    void start() {
        manual = new ManualClock(Instant.parse("2027-01-15T02:00:00Z"), BEIJING);
        ticketing = new Ticketing(db, manual);
        server = new MailServer();
        channel = new MailChannel(server.settings(), db, ticketing.complaintFiler(), manual);
        forgetEarlierMail();
    }

    /** The database is the class's: mails an earlier test left in the outbox are not this test's to send. */
    private void forgetEarlierMail() {
        try (java.sql.Connection c = testDb.connect(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM mail_outbox");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        channel.close();
        server.close();
        ticketing.close();
    }

    private long tickets() {
        return count("tickets");
    }

    /** The customer mails a complaint, the channel files it and auto-replies; the number from the reply. */
    private String fileByMail(String subject, String text) throws Exception {
        server.sendText(MailServer.CUSTOMER, subject, text);
        channel.pollNow();
        channel.sendNow();
        return numberFrom(server.receivedBy(MailServer.CUSTOMER).get(0));
    }

    private String numberFrom(MimeMessage reply) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(T\\d{8}-\\d{6})]").matcher(reply.getSubject());
        assertThat(m.find()).as(reply.getSubject()).isTrue();
        return m.group(1);
    }

    @Test
    void aNewMailBecomesAnEmailComplaintAndTheSenderGetsItsNumberInTheSubject() throws Exception {
        long before = tickets();
        server.sendText(MailServer.CUSTOMER, "手机维修后仍无法开机", "第二次送修了，还是开不了机。电话 13812345678");

        assertThat(channel.pollNow()).isEqualTo(1);
        assertThat(channel.sendNow()).isEqualTo(1);

        assertThat(tickets()).isEqualTo(before + 1);
        List<MimeMessage> replies = server.receivedBy(MailServer.CUSTOMER);
        assertThat(replies).hasSize(1);
        String number = numberFrom(replies.get(0));
        assertThat(replies.get(0).getHeader("Auto-Submitted")).containsExactly("auto-replied");
        assertThat(String.valueOf(replies.get(0).getContent())).contains(number);
        assertThat(queryString("SELECT `type` FROM tickets WHERE `number` = ?", number)).isEqualTo("COMPLAINT");
        assertThat(queryString("SELECT category FROM tickets WHERE `number` = ?", number)).isEqualTo("邮件投诉");
        assertThat(queryString("SELECT description FROM tickets WHERE `number` = ?", number))
                .contains("手机维修后仍无法开机", "还是开不了机");
        assertThat(queryString("SELECT c.email FROM intake_contacts c JOIN tickets t ON t.id = c.ticket_id "
                + "WHERE t.`number` = ?", number)).isEqualTo(MailServer.CUSTOMER);
        assertThat(queryString("SELECT c.channel FROM intake_contacts c JOIN tickets t ON t.id = c.ticket_id "
                + "WHERE t.`number` = ?", number)).isEqualTo("EMAIL");
        assertThat(channel.pollNow()).as("the mail is seen now").isZero();
    }

    @Test
    void aPhoneInTheMailLinksTheCustomerWhoHasIt() throws Exception {
        Customer known = ticketing.customers().create("孙先生", CustomerClass.ORDINARY, List.of("13698765432"));
        server.sendText("sun@example.org", "投诉", "我的电话是 13698765432，请回电。");

        channel.pollNow();

        assertThat(queryLong("SELECT customer_id FROM tickets WHERE created_by LIKE 'mail#%' "
                + "ORDER BY id DESC LIMIT 1")).isEqualTo(known.id());
    }

    @Test
    void anAnswerWithTheNumberInTheSubjectIsThreadedToTheTicketNotANewOne() throws Exception {
        String number = fileByMail("屏幕碎了", "请帮忙处理。");
        long before = tickets();

        server.sendText(MailServer.CUSTOMER, "Re: [" + number + "] 您的投诉已受理", "补充：购买发票已找到。");
        assertThat(channel.pollNow()).isEqualTo(1);

        assertThat(tickets()).isEqualTo(before);
        assertThat(queryString("SELECT e.detail FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                + "WHERE t.`number` = ? AND e.`action` = 'customer-message'", number)).contains(MailServer.CUSTOMER);
        assertThat(queryString("SELECT e.comment FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                + "WHERE t.`number` = ? AND e.`action` = 'customer-message'", number)).isEqualTo("补充：购买发票已找到。");
        assertThat(channel.sendNow()).as("no auto-reply to an answer").isZero();
    }

    @Test
    void aStrangerCannotAddToATicketByNamingItsNumber() throws Exception {
        String number = fileByMail("屏幕碎了", "请帮忙处理。");
        long before = tickets();

        server.sendText("stranger@example.net", "Re: [" + number + "]", "请把退款打到我的账户。");
        channel.pollNow();

        assertThat(tickets()).as("a complaint of its own").isEqualTo(before + 1);
        assertThat(queryLong("SELECT COUNT(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                + "WHERE t.`number` = ? AND e.`action` = 'customer-message'", number)).isZero();
    }

    @Test
    void aMailReadAgainBeforeItWasMarkedSeenMakesOneTicketAndOneAutoReply() throws Exception {
        server.sendText(MailServer.CUSTOMER, "投诉服务态度", "客服态度很差。");
        channel.pollNow();
        long after = tickets();
        long outbox = count("mail_outbox");

        markAllUnseen(); // as if the node died after the ticket committed but before the flag was set
        assertThat(channel.pollNow()).isEqualTo(1);

        assertThat(tickets()).isEqualTo(after);
        assertThat(count("mail_outbox")).isEqualTo(outbox);
    }

    @Test
    void aMailWhoseIntakeWasInterruptedAfterTheTicketIsFinishedWithThatTicket() {
        MailIntake intake = new MailIntake(db, ticketing.complaintFiler(), manual, MailServer.HOTLINE);
        IncomingMail mail = new IncomingMail("<crash-1@example.org>", MailServer.CUSTOMER, "王女士", "维修质量",
                "修了三次还是坏。", false);
        // the state a crash leaves: the Message-ID claimed, the ticket written under its actor, nothing else
        db.inTransaction(s -> {
            s.getMapper(MailMapper.class).insertPending(mail.messageId(), mail.fromAddress(), mail.subject(),
                    manual.instant());
            return null;
        });
        long inboxId = queryLong("SELECT id FROM mail_inbox WHERE message_id = ?", mail.messageId());
        Ticket written = ticketing.tickets().create(new NewTicket(TicketType.COMPLAINT, "邮件投诉",
                TicketPriority.NORMAL, null, null, null, ServiceMode.PHONE, "维修质量\n\n修了三次还是坏。", null,
                Severity.NORMAL, Channel.EMAIL, new Contact("王女士", null, MailServer.CUSTOMER)), "mail#" + inboxId);
        long before = tickets();

        MailIntake.Outcome meanwhile = intake.receive(mail);
        manual.advance(MailIntake.CLAIM);
        MailIntake.Outcome outcome = intake.receive(mail);

        assertThat(meanwhile).as("the claimer may still be at it").isEqualTo(MailIntake.Outcome.BUSY);
        assertThat(outcome).isEqualTo(MailIntake.Outcome.FILED);
        assertThat(tickets()).isEqualTo(before);
        assertThat(queryLong("SELECT ticket_id FROM mail_inbox WHERE id = ?", inboxId)).isEqualTo(written.id());
        assertThat(queryString("SELECT `state` FROM mail_inbox WHERE id = ?", inboxId)).isEqualTo("DONE");
        assertThat(queryLong("SELECT COUNT(*) FROM mail_outbox WHERE ticket_id = ?", written.id())).isEqualTo(1);
        assertThat(queryString("SELECT email FROM intake_contacts WHERE ticket_id = ?", written.id()))
                .isEqualTo(MailServer.CUSTOMER);
        assertThat(intake.receive(mail)).isEqualTo(MailIntake.Outcome.DUPLICATE);
    }

    @Test
    void twoNodesPollingOneMailboxAtOnceFileEachMailOnce() throws Exception {
        MailChannel other = new MailChannel(server.settings(), db, ticketing.complaintFiler(), manual);
        for (int i = 0; i < 5; i++) {
            server.sendText("customer" + i + "@example.org", "投诉 " + i, "第 " + i + " 封");
        }
        long before = tickets();

        java.util.concurrent.CompletableFuture<Integer> a =
                java.util.concurrent.CompletableFuture.supplyAsync(channel::pollNow);
        java.util.concurrent.CompletableFuture<Integer> b =
                java.util.concurrent.CompletableFuture.supplyAsync(other::pollNow);
        a.get(60, java.util.concurrent.TimeUnit.SECONDS);
        b.get(60, java.util.concurrent.TimeUnit.SECONDS);
        channel.pollNow();
        other.pollNow();

        assertThat(tickets()).isEqualTo(before + 5);
        assertThat(count("mail_outbox")).isEqualTo(5);
        assertThat(channel.pollNow() + other.pollNow()).as("every mail is seen").isZero();
        other.close();
    }

    @Test
    void anHtmlOnlyMailIsStrippedToItsTextAndALongOneIsCapped() throws Exception {
        MimeMessage html = server.message(MailServer.CUSTOMER, "HTML 投诉");
        html.setContent("<html><head><style>p{color:red}</style></head><body><p>屏幕<b>碎了</b> &amp; 无法触控</p>"
                + "<script>alert('x')</script><p>请尽快处理</p></body></html>", "text/html; charset=UTF-8");
        server.send(html);
        server.sendText(MailServer.CUSTOMER, "长邮件", "很长的描述。".repeat(2000));

        assertThat(channel.pollNow()).isEqualTo(2);

        String stripped = queryString("SELECT description FROM tickets WHERE description LIKE 'HTML%'");
        assertThat(stripped).contains("屏幕碎了 & 无法触控", "请尽快处理").doesNotContain("<", "alert", "color");
        String capped = queryString("SELECT description FROM tickets WHERE description LIKE '长邮件%'");
        assertThat(capped.codePointCount(0, capped.length())).isLessThanOrEqualTo(4000);
    }

    @Test
    void aRobotsMailIsFiledButGetsNoAutoReplyAndOurOwnMailIsIgnored() throws Exception {
        MimeMessage robot = server.message("noreply@shop.example", "Out of office");
        robot.setText("I am away.", "UTF-8");
        robot.setHeader("Auto-Submitted", "auto-replied");
        server.send(robot);
        server.sendText(MailServer.HOTLINE, "[T20270115-000001] loop", "our own mail");
        long before = tickets();

        assertThat(channel.pollNow()).isEqualTo(2);

        assertThat(tickets()).isEqualTo(before + 1);
        assertThat(channel.sendNow()).isZero();
    }

    @Test
    void aCustomerVisibleReplyIsMailedToTheContactAndWaitsOutAnSmtpOutage() throws Exception {
        String number = fileByMail("退款问题", "退款一直没到账。");
        Ticket ticket = ticketing.tickets().find(queryLong("SELECT id FROM tickets WHERE `number` = ?", number))
                .orElseThrow();

        db.inTransaction(tx -> {
            channel.hook().changed(tx, ticket, entry("内部备注：财务核实中。", false));
            channel.hook().changed(tx, ticket, entry("您好，退款已于今日重新发起，3 个工作日内到账。", true));
            return null;
        });
        server.stop();
        assertThat(channel.sendNow()).isZero();
        assertThat(queryLong("SELECT attempts FROM mail_outbox WHERE kind = 'reply'")).isEqualTo(1);
        server.restart();
        assertThat(channel.sendNow()).as("not before its back-off").isZero();
        manual.advance(MailSender.FIRST_RETRY);
        assertThat(channel.sendNow()).isEqualTo(1);

        List<MimeMessage> got = server.receivedBy(MailServer.CUSTOMER);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).getSubject()).contains("[" + number + "]");
        assertThat(String.valueOf(got.get(0).getContent())).contains("退款已于今日重新发起")
                .doesNotContain("内部备注");
        assertThat(got.get(0).getHeader("Auto-Submitted")).isNull();
        assertThat(queryLong("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")).isZero();
    }

    @Test
    void theBackOffDoublesFromThirtySecondsUpToAnHour() {
        assertThat(MailSender.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(MailSender.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(MailSender.backoff(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(MailSender.backoff(50)).isEqualTo(Duration.ofHours(1));
    }

    private HistoryEntry entry(String text, boolean visible) {
        return new HistoryEntry(0, "complaint_handler", manual.instant(), "comment", "IN_PROGRESS", "IN_PROGRESS",
                Map.of(), text, visible);
    }

    private void markAllUnseen() throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", server.imapPort(), "hotline", "secret");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (Message m : inbox.getMessages()) {
                m.setFlag(Flags.Flag.SEEN, false);
            }
            inbox.close(false);
        }
    }
}
