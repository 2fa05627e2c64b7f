package org.hotline.app.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.typesafe.config.ConfigFactory;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.hotline.app.config.Settings;
import org.hotline.app.e2e.Fixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A whole node with a {@code hotline.mail} block polls a real mailbox (GreenMail's IMAP and SMTP on loopback): a
 * customer's mail becomes a complaint and the customer gets the auto-reply with its number, with no test code
 * driving the channel. Without the block the channel is off.
 */
class MailNodeTest {
    private GreenMail mail;
    private Fixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void aNodeWithAMailBlockTurnsAMailIntoATicketAndAnswersWithItsNumber() throws Exception {
        mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser("hotline@example.com", "hotline", "mailbox-secret");
        Map<String, Object> o = new HashMap<>();
        o.put("hotline.mail.imap.host", "127.0.0.1");
        o.put("hotline.mail.imap.port", mail.getImap().getPort());
        o.put("hotline.mail.imap.tls", false);
        o.put("hotline.mail.imap.user", "hotline");
        o.put("hotline.mail.imap.password", "mailbox-secret");
        o.put("hotline.mail.smtp.host", "127.0.0.1");
        o.put("hotline.mail.smtp.port", mail.getSmtp().getPort());
        o.put("hotline.mail.smtp.tls", false);
        o.put("hotline.mail.from", "hotline@example.com");
        o.put("hotline.mail.poll-interval", "200ms");
        o.put("hotline.mail.send-interval", "200ms");
        f = Fixture.start(t -> { }, o);

        GreenMailUtil.sendTextEmail("hotline@example.com", "li@example.org", "发票开错了", "请重新开具发票。",
                new ServerSetup(mail.getSmtp().getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

        MimeMessage reply = await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(mail.getReceivedMessages())
                .filter(MailNodeTest::toTheCustomer).findFirst().orElse(null), m -> m != null);
        assertThat(f.platform.mailChannel()).isNotNull();
        String number = f.platform.ticketing().tickets()
                .search(new org.hotline.platform.ticket.TicketQuery(null, null, java.util.Set.of(), 10)).stream()
                .filter(t -> t.description().contains("请重新开具发票")).findFirst().orElseThrow().number();
        assertThat(reply.getSubject()).contains("[" + number + "]");
    }

    @Test
    void withoutAMailBlockTheChannelIsOffAndAConfiguredOneNeverShowsItsPasswords() {
        Settings off = Settings.from(ConfigFactory.empty());
        Settings on = Settings.from(ConfigFactory.parseMap(Map.of("hotline.mail.imap.host", "imap.example.com",
                "hotline.mail.imap.password", "imap-pw-4711", "hotline.mail.smtp.host", "smtp.example.com",
                "hotline.mail.smtp.password", "smtp-pw-4712", "hotline.mail.from", "service@example.com")));

        assertThat(off.mail().enabled()).isFalse();
        assertThat(on.mail().enabled()).isTrue();
        assertThat(on.toString()).contains("imap.example.com").doesNotContain("imap-pw-4711", "smtp-pw-4712");
    }

    @Test
    void aMailboxWithoutASenderIsAConfigurationError() {
        assertThatThrownBy(() -> Settings.from(ConfigFactory.parseMap(Map.of(
                "hotline.mail.imap.host", "imap.example.com"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hotline.mail");
    }

    private static boolean toTheCustomer(MimeMessage m) {
        try {
            return GreenMailUtil.getAddressList(m.getAllRecipients()).contains("li@example.org");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
