package org.hotline.ticketing.mail;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * {@link MailTransport} over SMTP with Jakarta Mail (Angus): TLS from the first byte when configured (smtps), login
 * when a user is set, connect and read timeouts so a dead server cannot hold the sender thread. Mails are UTF-8
 * plain text; auto-replies are marked {@code Auto-Submitted: auto-replied} (RFC 3834) so that the customer's own
 * robot does not answer back.
 */
final class SmtpTransport implements MailTransport {
    private static final String TIMEOUT_MS = "20000";

    private final MailSettings.Server server;
    private final String from;
    private final Session session;

    SmtpTransport(MailSettings.Server server, String from) {
        this.server = server;
        this.from = from;
        String protocol = server.tls() ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", server.host());
        p.put("mail." + protocol + ".port", Integer.toString(server.port()));
        p.put("mail." + protocol + ".auth", Boolean.toString(server.authenticates()));
        p.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".timeout", TIMEOUT_MS);
        p.put("mail." + protocol + ".writetimeout", TIMEOUT_MS);
        if (server.tls()) {
            p.put("mail.smtps.ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(p);
    }

    @Override
    public void send(String to, String subject, String body, boolean automatic) throws Exception {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from, true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setText(body, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (automatic) {
            message.setHeader("Auto-Submitted", "auto-replied");
        }
        message.saveChanges();
        try (Transport transport = session.getTransport()) {
            if (server.authenticates()) {
                transport.connect(server.host(), server.port(), server.user(), server.password());
            } else {
                transport.connect();
            }
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
