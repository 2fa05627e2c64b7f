package org.hotline.ticketing.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * A real in-process mail server for the tests (GreenMail: SMTP and IMAP on free ports of 127.0.0.1) with the
 * hotline's mailbox {@value #HOTLINE} (login {@code hotline} / {@code secret}); customers send to it over SMTP. It can
 * be stopped and started again on the same ports (a mail server that is down for a while).
 */
public final class MailServer implements AutoCloseable {
    public static final String HOTLINE = "hotline@example.com";
    public static final String CUSTOMER = "wang@example.org";

    private GreenMail green;
    private int smtpPort;
    private int imapPort;

    public MailServer() {
        green = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        green.start();
        smtpPort = green.getSmtp().getPort();
        imapPort = green.getImap().getPort();
        green.setUser(HOTLINE, "hotline", "secret");
    }

    /** The channel's settings against this server. */
    public MailSettings settings() {
        return new MailSettings(new MailSettings.Server("127.0.0.1", imapPort, false, "hotline", "secret"), "INBOX",
                new MailSettings.Server("127.0.0.1", smtpPort, false, "", ""), HOTLINE, Duration.ofSeconds(1),
                Duration.ofSeconds(1));
    }

    int smtpPort() {
        return smtpPort;
    }

    int imapPort() {
        return imapPort;
    }

    void stop() {
        green.stop();
    }

    /** Starts again on the same ports, with the mailbox user (its mails are gone, as after a restart). */
    void restart() {
        green = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        green.start();
        green.setUser(HOTLINE, "hotline", "secret");
    }

    /** A new message from {@code from} to the hotline (headers may be added before {@link #send}). */
    MimeMessage message(String from, String subject) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(smtpPort));
        MimeMessage m = new MimeMessage(Session.getInstance(p));
        m.setFrom(new InternetAddress(from, "王女士", "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(HOTLINE));
        m.setSubject(subject, "UTF-8");
        return m;
    }

    void send(MimeMessage m) throws Exception {
        m.saveChanges();
        Transport.send(m);
    }

    public void sendText(String from, String subject, String text) throws Exception {
        MimeMessage m = message(from, subject);
        m.setText(text, "UTF-8");
        send(m);
    }

    /** The mails the server took for {@code address}. */
    public List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(green.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Override
    public void close() {
        green.stop();
    }
}
