package org.hotline.ticketing.mail;

/** Sends one mail; the outbox's port to SMTP ({@link SmtpTransport}), so that the sender's retries can be tested. */
public interface MailTransport {
    /**
     * @param automatic a machine's mail (an auto-reply), marked so that other robots do not answer it
     * @throws Exception when the mail was not accepted (the outbox tries again later)
     */
    void send(String to, String subject, String body, boolean automatic) throws Exception;
}
